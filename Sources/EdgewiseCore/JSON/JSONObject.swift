/// The members of a JSON object, in document order, looked up by key with a linear search.
///
/// Payload objects are small (a handful of fields), where scanning a contiguous array beats
/// hashing; do not use `JSONObject` as a dictionary for thousands of keys.
///
/// Duplicate keys are kept as written. `object[key]` returns the *last* member with the key,
/// as JavaScript's `JSON.parse` and most JSON libraries do.
///
/// Two objects are equal when they have the same members in the same order.
public struct JSONObject: Sendable, Hashable, RandomAccessCollection, ExpressibleByDictionaryLiteral {
    /// One `"key": value` pair.
    struct Member: Sendable, Hashable {
        var key: String
        var value: JSONValue
    }

    var members: [Member]

    /// An empty object.
    public init() {
        members = []
    }

    /// An object with `members` in the given order.
    public init(_ members: some Sequence<(key: String, value: JSONValue)>) {
        self.members = members.map { Member(key: $0.key, value: $0.value) }
    }

    /// An object with the literal's members in the order written.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        members = elements.map { Member(key: $0.0, value: $0.1) }
    }

    init(storage: [Member]) {
        members = storage
    }

    /// Always 0: members are numbered in document order.
    public var startIndex: Int { 0 }
    /// The number of members.
    public var endIndex: Int { members.count }

    /// The member at `position`, in document order.
    public subscript(position: Int) -> (key: String, value: JSONValue) {
        let member = members[position]
        return (member.key, member.value)
    }

    /// The value of the last member named `key`, or `nil` when there is none.
    public subscript(key: String) -> JSONValue? {
        guard let index = lastIndex(ofKey: key) else { return nil }
        return members[index].value
    }

    /// The position of the last member named `key`.
    func lastIndex(ofKey key: String) -> Int? {
        // Comparing UTF-8 lengths first (O(1) for native strings) skips most string comparisons.
        let length = key.utf8.count
        return members.withUnsafeBufferPointer { members in
            var index = members.count
            while index > 0 {
                index -= 1
                if members[index].key.utf8.count == length, members[index].key == key { return index }
            }
            return nil
        }
    }

    /// The keys in document order.
    public var keys: [String] { members.map(\.key) }

    /// Appends a member (after any existing member with the same key).
    public mutating func append(key: String, value: JSONValue) {
        members.append(Member(key: key, value: value))
    }
}
