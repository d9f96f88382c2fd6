import Testing

@testable import EdgewiseStatus

@Suite("Bearer token checks")
struct BearerTokenTests {
    static let token = try! BearerToken("s3cret-token")

    @Test(arguments: [
        (nil, BearerToken.Verdict.missing), ("", .missing), ("Bearer", .missing), ("Basic s3cret-token", .missing),
        ("Bearers3cret-token", .missing), ("Bearer s3cret-token", .accepted), ("bEaReR s3cret-token", .accepted),
        ("Bearer   s3cret-token", .accepted), ("Bearer s3cret-tokeN", .wrong), ("Bearer s3cret-token ", .wrong),
        ("Bearer s3cret", .wrong), ("Bearer s3cret-token-and-more", .wrong), ("Bearer x", .wrong),
    ] as [(String?, BearerToken.Verdict)])
    func anAuthorizationHeaderIsJudged(header: String?, verdict: BearerToken.Verdict) {
        #expect(Self.token.check(authorization: header) == verdict)
    }

    @Test(arguments: [
        ([], [], true), ([1, 2, 3], [1, 2, 3], true), ([1, 2, 3], [1, 2, 4], false), ([1, 2], [1, 2, 3], false),
        ([1, 2, 3, 4], [1, 2, 3], false), ([], [0], false), ([0], [], false),
        (Array(repeating: 7, count: 256), Array(repeating: 7, count: 0), false),
    ] as [([UInt8], [UInt8], Bool)])
    func constantTimeComparisonIsEquality(presented: [UInt8], expected: [UInt8], equal: Bool) {
        #expect(BearerToken.constantTimeEquals(presented, expected) == equal)
    }
}
