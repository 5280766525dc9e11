import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NhacViecCore
import NhacViecHTTP
import NhacViecStore
import Testing

/// The pages and actions of `/dashboard`, at 17/11/2026 08:00 when the monthly report due Friday 13/11 is overdue.
@Suite("The supervising office follows every deadline on the dashboard")
struct DashboardRouteTests {
    typealias Fixture = DashboardFixture
    static let key = WebFixture.monthlyReport.key
    static let occurrencePage = "/dashboard/occurrence?key=" + key
    static let pages = [
        "/dashboard", "/dashboard/health", "/dashboard/agency/so-tu-phap", occurrencePage,
        "/dashboard/overdue.csv",
    ]
    static let actions = ["acknowledge", "undo", "resend", "enable-endpoint"]

    @Suite("Access")
    struct Access {
        @Test func withoutAUsersFileEveryPageAndActionIsNotFound() async throws {
            let fixture = try Fixture(withUsers: false)
            try await fixture.test { client in
                for uri in DashboardRouteTests.pages {
                    try await client.execute(uri: uri, method: .get, headers: Fixture.basic(Fixture.admin)) {
                        #expect($0.status == .notFound, "GET \(uri)")
                    }
                }
                for action in DashboardRouteTests.actions {
                    let (status, _) = try await Fixture.post(action, fields: [:], client: client)
                    #expect(status == .notFound, "POST \(action)")
                }
            }
        }

        @Test func aMissingOrWrongPasswordIsAskedForAgain() async throws {
            let fixture = try Fixture()
            try await fixture.test { client in
                for headers in [
                    [:], Fixture.basic((Fixture.admin.name, "sai-mat-khau")), Fixture.basic(("ai-do", "x")),
                ]
                    as [HTTPFields]
                {
                    try await client.execute(uri: "/dashboard", method: .get, headers: headers) { response in
                        #expect(response.status == .unauthorized)
                        #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Basic realm=\"nhacviec\"") == true)
                        #expect(!String(buffer: response.body).contains("Quá hạn"))
                    }
                }
            }
        }

        @Test func aViewerSeesEveryPageWithoutFormsAndCannotAct() async throws {
            let fixture = try Fixture()
            let failed = try await fixture.failedDelivery()
            try await fixture.ledger.disableEndpoint(
                url: "https://hook.example/gone", reason: "410 Gone", now: WebFixture.now)
            try await fixture.test { client in
                for uri in DashboardRouteTests.pages {
                    let page = try await Fixture.page(uri, as: Fixture.viewer, client: client)
                    #expect(!page.contains("method=\"post\""), "\(uri)")
                }
                // Even with a valid form value (an admin's), the role decides.
                let csrf = try Fixture.csrf(
                    in: try await Fixture.page(DashboardRouteTests.occurrencePage, client: client))
                for action in DashboardRouteTests.actions {
                    let (status, _) = try await Fixture.post(
                        action,
                        fields: [
                            "csrf": csrf, "key": DashboardRouteTests.key, "agency": "so-tu-phap",
                            "id": String(failed.id), "url": "https://hook.example/gone",
                        ], as: Fixture.viewer, client: client)
                    #expect(status == .forbidden, "POST \(action)")
                }
            }
            #expect(try await fixture.web.acknowledgement() == nil)
            #expect(try await fixture.ledger.disabledEndpoints() == ["https://hook.example/gone"])
            #expect(try await fixture.ledger.failures(limit: 10).map(\.id) == [failed.id])
        }

        @Test func anActionWithoutTheFormsValueOrFromAnotherSiteIsRefused() async throws {
            let fixture = try Fixture()
            try await fixture.test { client in
                let csrf = try Fixture.csrf(
                    in: try await Fixture.page(DashboardRouteTests.occurrencePage, client: client))
                let fields = ["key": DashboardRouteTests.key, "agency": "so-tu-phap"]
                #expect(try await Fixture.post("acknowledge", fields: fields, client: client).status == .forbidden)
                var wrong = fields
                wrong["csrf"] = String(csrf.reversed())
                #expect(try await Fixture.post("acknowledge", fields: wrong, client: client).status == .forbidden)
                var right = fields
                right["csrf"] = csrf
                let crossSite = try await Fixture.post(
                    "acknowledge", fields: right, extraHeaders: [.origin: "https://evil.example"], client: client)
                #expect(crossSite.status == .forbidden)
            }
            #expect(try await fixture.web.acknowledgement() == nil)
        }
    }

    @Suite("Pages")
    struct Pages {
        @Test func theOverviewCountsAndGroupsOverdueWorkByAgencyInWorkingDays() async throws {
            let fixture = try Fixture()
            try await fixture.ledger.acknowledge(
                Acknowledgement(
                    occurrenceKey: DashboardRouteTests.key, agency: AgencyID("so-noi-vu"), source: .link,
                    recordedAt: WebFixture.now.addingTimeInterval(-86_400)))
            let page = try await fixture.test { client in try await Fixture.page("/dashboard", client: client) }
            #expect(page.contains("Tổng quan ngày 17/11/2026"))
            #expect(page.contains("Quá hạn, theo cơ quan"))
            #expect(page.contains("Sở Tư pháp"))
            // Due Friday 13/11; Monday 16 and Tuesday 17 are two working days late.
            #expect(page.contains("2 ngày làm việc"))
            #expect(page.contains("<b>1</b>hoàn thành trễ hạn trong tháng 11/2026"))
            #expect(page.contains("Hạn trong 30 ngày tới"))
            #expect(page.contains(" cơ quan</td>"))
            #expect(page.contains("chưa nhắc"))
        }

        @Test func aFilterInTheQueryStringKeepsOnlyThatAgencyAndIsShownSelected() async throws {
            let fixture = try Fixture()
            let page = try await fixture.test { client in
                try await Fixture.page("/dashboard?agency=so-tu-phap&status=overdue", client: client)
            }
            #expect(page.contains("<option value=\"so-tu-phap\" selected>Sở Tư pháp</option>"))
            #expect(page.contains("<option value=\"overdue\" selected>"))
            #expect(page.contains("<h3><a href=\"/dashboard/agency/so-tu-phap\">Sở Tư pháp</a>"))
            #expect(!page.contains("<h3><a href=\"/dashboard/agency/so-noi-vu\">"))
            #expect(page.contains("/dashboard/overdue.csv?agency=so-tu-phap&amp;status=overdue"))
        }

        @Test func theOccurrencePageShowsEachAgencysReportAndReminders() async throws {
            let fixture = try Fixture()
            _ = try await fixture.failedDelivery()
            try await fixture.ledger.acknowledge(
                Acknowledgement(
                    occurrenceKey: DashboardRouteTests.key, agency: AgencyID("so-noi-vu"), source: .link,
                    reporter: "Trần Thị B", note: "CV 45/SNV", recordedAt: WebFixture.now.addingTimeInterval(-3600)))
            let page = try await fixture.test { client in
                try await Fixture.page(DashboardRouteTests.occurrencePage, client: client)
            }
            #expect(page.contains("Thứ Sáu, ngày 13/11/2026"))
            #expect(page.contains("Trần Thị B"))
            #expect(page.contains("CV 45/SNV"))
            #expect(page.contains("qua liên kết trong thư nhắc việc"))
            #expect(page.contains("Gửi lỗi"))
            #expect(page.contains("550 5.1.1"))
            #expect(page.contains("Gửi lại"))
            #expect(page.contains("Hủy ghi nhận hoàn thành"))
            #expect(page.contains("Ghi nhận hoàn thành thay cơ quan"))
        }

        @Test func theAgencyPageListsItsDeadlinesAndHistory() async throws {
            let fixture = try Fixture()
            _ = try await fixture.failedDelivery()
            let page = try await fixture.test { client in
                try await Fixture.page("/dashboard/agency/so-tu-phap", client: client)
            }
            #expect(page.contains("<h1>Sở Tư pháp</h1>"))
            #expect(page.contains("so-tu-phap@gialai.example"))
            #expect(page.contains("Quá hạn 2 ngày làm việc"))
            #expect(page.contains("550 5.1.1"))
            // 90 days of history: the monthly report of September (due 15/9/2026) is listed.
            #expect(page.contains("15/9/2026"))
        }

        @Test func theHealthPageShowsPassesFailuresAndDisabledEndpoints() async throws {
            let fixture = try Fixture()
            _ = try await fixture.failedDelivery()
            try await fixture.ledger.setMeta(.lastPass, "2026-11-17T00:55:00Z")
            try await fixture.ledger.disableEndpoint(
                url: "https://hook.example/gone", reason: "410 Gone", now: WebFixture.now)
            let page = try await fixture.test { client in try await Fixture.page("/dashboard/health", client: client) }
            #expect(page.contains("07:55 ngày 17/11/2026"))
            #expect(page.contains("550 5.1.1"))
            #expect(page.contains("https://hook.example/gone"))
            #expect(page.contains("Bật lại"))
        }

        @Test func anAgencyNameWithMarkupIsShownAsText() async throws {
            let fixture = try Fixture(agencyName: "<script>alert(1)</script> Sở Tư pháp")
            try await fixture.test { client in
                for uri in ["/dashboard", "/dashboard/agency/so-tu-phap", DashboardRouteTests.occurrencePage] {
                    let page = try await Fixture.page(uri, client: client)
                    #expect(!page.contains("<script"), "\(uri)")
                    #expect(page.contains("&lt;script&gt;"), "\(uri)")
                }
            }
        }

        @Test func theOverdueListExportsAsCSVForExcel() async throws {
            let fixture = try Fixture()
            try await fixture.test { client in
                try await client.execute(
                    uri: "/dashboard/overdue.csv?agency=so-tu-phap", method: .get,
                    headers: Fixture.basic(Fixture.viewer)
                ) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
                    let text = String(buffer: response.body)
                    #expect(text.hasPrefix("\u{FEFF}Mã cơ quan,Cơ quan,"))
                    let lines = text.split(separator: "\r\n")
                    #expect(lines.count >= 2)
                    #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("so-tu-phap,Sở Tư pháp,") })
                    #expect(text.contains("2026-11-13,2,"))
                }
            }
        }
    }

    @Suite("Actions")
    struct Actions {
        @Test func anAdminRecordsAReportOnAnAgencysBehalfAndUndoesIt() async throws {
            let fixture = try Fixture()
            try await fixture.test { client in
                let csrf = try Fixture.csrf(
                    in: try await Fixture.page(DashboardRouteTests.occurrencePage, client: client))
                let fields = ["csrf": csrf, "key": DashboardRouteTests.key, "agency": "so-tu-phap"]
                var report = fields
                report["note"] = "CV 123/STP qua điện thoại"
                let recorded = try await Fixture.post("acknowledge", fields: report, client: client)
                #expect(recorded.status == .seeOther)
                #expect(recorded.location == "/dashboard/occurrence?key=949%2FKH-UBND:VI.1:bao-cao-thang:2026-11-15")
                let acknowledgement = try #require(try await fixture.web.acknowledgement())
                #expect(acknowledgement.source == .dashboard)
                #expect(acknowledgement.reporter == Fixture.admin.name)
                #expect(acknowledgement.note == "CV 123/STP qua điện thoại")
                #expect(acknowledgement.onBehalfBy == AgencyID("vp-ubnd"))
                #expect(fixture.web.acknowledged.count == 1)
                let page = try await Fixture.page(DashboardRouteTests.occurrencePage, client: client)
                #expect(page.contains("do Văn phòng ghi nhận thay trên bảng theo dõi"))

                let undone = try await Fixture.post("undo", fields: fields, client: client)
                #expect(undone.status == .seeOther)
                #expect(try await fixture.web.acknowledgement() == nil)
                let health = try await Fixture.page("/dashboard/health", client: client)
                #expect(health.contains("Ghi nhận hoàn thành thay cơ quan"))
                #expect(health.contains("Hủy ghi nhận hoàn thành"))
                #expect(health.contains(Fixture.admin.name))
            }
            let actions = try await fixture.ledger.dashboardActions(limit: 10)
            #expect(actions.map(\.kind) == [.undoAcknowledgement, .acknowledge])
            #expect(actions.allSatisfy { $0.user == Fixture.admin.name })
        }

        @Test func resendingAFailedReminderQueuesItForTheNextPassAndWakesIt() async throws {
            let fixture = try Fixture()
            let failed = try await fixture.failedDelivery()
            try await fixture.test { client in
                let csrf = try Fixture.csrf(in: try await Fixture.page("/dashboard/health", client: client))
                let result = try await Fixture.post(
                    "resend", fields: ["csrf": csrf, "id": String(failed.id)], client: client)
                #expect(result.status == .seeOther)
                #expect(result.location == "/dashboard/health")
            }
            #expect(try await fixture.ledger.ready(at: WebFixture.now).map(\.id) == [failed.id])
            #expect(try await fixture.ledger.failures(limit: 10).isEmpty)
            #expect(fixture.web.acknowledged.count == 1)
            #expect(try await fixture.ledger.dashboardActions(limit: 10).map(\.kind) == [.resend])
        }

        @Test func reEnablingAnEndpointLetsItsDeliveriesGoOutAgain() async throws {
            let fixture = try Fixture()
            try await fixture.ledger.disableEndpoint(
                url: "https://hook.example/gone", reason: "410 Gone", now: WebFixture.now)
            try await fixture.test { client in
                let csrf = try Fixture.csrf(in: try await Fixture.page("/dashboard/health", client: client))
                let result = try await Fixture.post(
                    "enable-endpoint", fields: ["csrf": csrf, "url": "https://hook.example/gone"], client: client)
                #expect(result.status == .seeOther)
            }
            #expect(try await fixture.ledger.disabledEndpoints().isEmpty)
            #expect(try await fixture.ledger.dashboardActions(limit: 10).map(\.target) == ["https://hook.example/gone"])
        }
    }
}
