import Foundation
import Mustache
package import NhacViecCore
package import NhacViecStore

/// The values of `templates/web/acknowledge.html.mustache` in each of its three states: the confirmation form, the
/// receipt of a recorded report, and the page of an unusable link.
package enum AcknowledgementPage {
    /// "Liên kết không hợp lệ hoặc đã hết hạn": the same page for every kind of bad token.
    package static func invalid(templates: MessageTemplates) -> String {
        templates[.acknowledgePage].render(["invalid": true])
    }

    /// The page of a valid link: the form, or the receipt when `acknowledgement` is already on record.
    package static func render(
        templates: MessageTemplates, configuration: Configuration, occurrence: Occurrence, grant: IssuedToken,
        token: AccessToken, acknowledgement: Acknowledgement?, settings: HTTPSettings
    ) -> String {
        var context = OccurrenceContext.values(
            occurrence: occurrence, agency: grant.agency, configuration: configuration)
        if grant.isOnBehalf { context["on_behalf_by"] = configuration.directory.name(of: .agency(grant.issuedTo)) }
        if let acknowledgement {
            context.merge(
                OccurrenceContext.values(of: acknowledgement, configuration: configuration), uniquingKeysWith: { $1 })
            context["recorded"] = true
        } else {
            context["action"] = settings.publicPath + "/a/" + token.text
            context["form_value"] = token.formValue
        }
        return templates[.acknowledgePage].render(context)
    }
}
