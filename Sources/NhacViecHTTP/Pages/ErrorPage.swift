import Mustache

/// A short Vietnamese page for a refused request (cross-site post, unreadable form); escaped like every page.
enum ErrorPage {
    private static let template: MustacheTemplate = {
        // A literal template that parses (covered by the router tests), so this cannot fail.
        try! MustacheTemplate(
            string: """
                <!DOCTYPE html>
                <html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>{{title}}</title></head>
                <body style="font-family: Arial, sans-serif; max-width: 640px; margin: 24px auto; padding: 0 16px;">
                <h1 style="font-size: 22px;">{{title}}</h1><p>{{message}}</p>
                <p style="color: #666; font-size: 13px;">Hệ thống nhắc việc (nhacviec) – Văn phòng UBND tỉnh</p>
                </body></html>
                """)
    }()

    static func render(title: String, message: String) -> String {
        template.render(["title": title, "message": message])
    }
}
