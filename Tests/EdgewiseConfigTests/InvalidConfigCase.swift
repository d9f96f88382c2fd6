/// A broken config and exactly what `edgewise check` must print for it.
struct InvalidConfigCase: CustomTestStringConvertible, Sendable {
    var name: String
    var gateway: String? = nil
    var device: String? = nil
    var rules: String? = nil
    var expected: [String]

    var fixture: ConfigFixture {
        var fixture = ConfigFixture()
        if let gateway { fixture.gateway = gateway }
        if let device { fixture.devices["test.yaml"] = device }
        if let rules { fixture.rules["cool.yaml"] = rules }
        return fixture
    }

    var testDescription: String { name }
}

import Testing
