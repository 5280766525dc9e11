package import Foundation
import GRDB
package import NhacViecCore

/// What a link's token grants: acknowledging one occurrence for one agency, until it expires.
package struct IssuedToken: Sendable, Hashable {
    /// SHA-256 of the token, hex (``AccessToken/hash``); the token itself is never stored.
    package var hash: String
    package var purpose: AccessToken.Purpose
    /// The agency whose work the token acknowledges.
    package var agency: AgencyID
    /// Who received the link: `agency` itself, or the supervising office recording on its behalf.
    package var issuedTo: AgencyID
    /// The occurrence it acknowledges.
    package var occurrence: OccurrenceReference
    package var createdAt: Date
    package var expiresAt: Date

    package init(
        token: AccessToken, agency: AgencyID, issuedTo: AgencyID, occurrence: Occurrence, createdAt: Date,
        expiresAt: Date
    ) {
        self.hash = token.hash
        self.purpose = token.purpose
        self.agency = agency
        self.issuedTo = issuedTo
        self.occurrence = occurrence.reference
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }

    /// `plan:task:milestone:nominal-date`, as ``Occurrence/key``.
    package var occurrenceKey: String {
        occurrence.key
    }

    /// True when the link was sent to someone other than the agency it acknowledges for.
    package var isOnBehalf: Bool { issuedTo != agency }
}

extension Ledger {
    /// Stores the hashes of freshly minted tokens, in one transaction.
    package func insertTokens(_ tokens: [IssuedToken]) async throws {
        guard !tokens.isEmpty else { return }
        try await write { db in
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO access_tokens (hash, purpose, agency, issued_to, occurrence_key, plan, task, milestone,
                        nominal_due, created_at, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """
            )
            for token in tokens {
                try statement.execute(arguments: [
                    token.hash, token.purpose.rawValue, token.agency.rawValue, token.issuedTo.rawValue,
                    token.occurrenceKey, token.occurrence.plan.rawValue, token.occurrence.task.rawValue,
                    token.occurrence.milestone.rawValue, token.occurrence.nominalDue?.iso8601,
                    token.createdAt.unixSeconds, token.expiresAt.unixSeconds,
                ])
            }
        }
    }

    /// The grant of `token` at `now`; nil when it is unknown, of another purpose, expired or revoked (callers answer
    /// all of these the same way, so a probe learns nothing).
    package func grant(of token: AccessToken, now: Date) async throws -> IssuedToken? {
        let hash = token.hash
        let purpose = token.purpose
        return try await read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT * FROM access_tokens
                        WHERE hash = ? AND purpose = ? AND revoked_at IS NULL AND expires_at > ?
                        """,
                    arguments: [hash, purpose.rawValue, now.unixSeconds]
                )
            else { return nil }
            let nominal: String? = try row.decode(forColumn: "nominal_due")
            return try IssuedToken(
                hash: hash, purpose: purpose,
                agency: AgencyID(row.decode(forColumn: "agency")),
                issuedTo: AgencyID(row.decode(forColumn: "issued_to")),
                occurrence: OccurrenceReference(
                    plan: PlanID(row.decode(forColumn: "plan")), task: TaskID(row.decode(forColumn: "task")),
                    milestone: MilestoneID(row.decode(forColumn: "milestone")),
                    nominalDue: nominal.flatMap(CivilDate.init(parsing:))),
                createdAt: Date(unixSeconds: row.decode(forColumn: "created_at")),
                expiresAt: Date(unixSeconds: row.decode(forColumn: "expires_at")))
        }
    }

    /// Revokes every token of `agency` for one occurrence (e.g. after an acknowledgement was undone by mistake).
    ///
    /// - Returns: How many were revoked.
    @discardableResult
    package func revokeTokens(occurrenceKey: String, agency: AgencyID, now: Date) async throws -> Int {
        try await write { db in
            try db.execute(
                sql: """
                    UPDATE access_tokens SET revoked_at = ?
                    WHERE occurrence_key = ? AND agency = ? AND revoked_at IS NULL
                    """,
                arguments: [now.unixSeconds, occurrenceKey, agency.rawValue]
            )
            return db.changesCount
        }
    }
}

extension IssuedToken {
    /// A row read back from the ledger.
    init(
        hash: String, purpose: AccessToken.Purpose, agency: AgencyID, issuedTo: AgencyID,
        occurrence: OccurrenceReference, createdAt: Date, expiresAt: Date
    ) {
        self.hash = hash
        self.purpose = purpose
        self.agency = agency
        self.issuedTo = issuedTo
        self.occurrence = occurrence
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}
