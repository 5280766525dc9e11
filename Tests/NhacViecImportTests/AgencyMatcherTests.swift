import NhacViecCore
import Testing

@Suite("Agency names of a plan matched against the directory")
struct AgencyMatcherTests {
    static func ids(_ text: String) throws -> [String] {
        try AgencyMatcher(directory: Fixtures.shippedDirectory()).match(text).references.map(\.description)
    }

    @Test func abbreviationsAndMissingDiacriticsFindTheAgency() throws {
        #expect(try Self.ids("Sở KH&CN") == ["so-khcn"])
        #expect(try Self.ids("Sở TP") == ["so-tu-phap"])
        #expect(try Self.ids("VP UBND tỉnh") == ["vp-ubnd"])
        #expect(try Self.ids("BQL KKT") == ["bql-kkt"])
        #expect(try Self.ids("So Tai chinh") == ["so-tai-chinh"])
        #expect(try Self.ids("Sở Văn hoá, Thể thao và Du lịch") == ["so-vh-tt-dl"])
    }

    @Test func groupPhrasesBecomeTheGroups() throws {
        #expect(try Self.ids("Các sở, ban, ngành tỉnh; UBND các xã, phường") == ["so-ban-nganh", "ubnd-xa"])
        #expect(try Self.ids("Sở Tư pháp; UBND các cấp và cơ quan liên quan") == ["so-tu-phap", "ubnd-xa"])
        #expect(try Self.ids("Các cơ quan, đơn vị, địa phương") == ["so-ban-nganh", "ubnd-xa"])
    }

    @Test func anUnknownNameIsKeptWithTheClosestIDs() throws {
        let match = AgencyMatcher(directory: try Fixtures.shippedDirectory())
            .match("Sở Công Thương, Hiệp hội Doanh nghiệp tỉnh; các cơ quan, đơn vị liên quan")
        #expect(match.references.map(\.description) == ["so-cong-thuong"])
        #expect(match.unmatched.map(\.name) == ["Hiệp hội Doanh nghiệp tỉnh"])
        #expect(match.related.count == 1)
    }
}
