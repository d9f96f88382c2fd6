import Testing

@testable import EdgewiseCore

@Suite("Names of devices, points, rules and events")
struct NamesTests {
    @Test(arguments: ["hvac", "greenhouse-air", "supply_temp", "_internal", "pump2"])
    func acceptsIdentifier(name: String) {
        #expect(Names.isValidIdentifier(name))
    }

    @Test(arguments: ["", "2pumps", "room.temp", "room temp", "-x", "température"])
    func rejectsIdentifier(name: String) {
        #expect(!Names.isValidIdentifier(name))
    }

    @Test("CloudEvents types split the name into words", arguments: [
        ("ThresholdCrossed", "io.edgewise.threshold.crossed.v1"), ("ReadingReported", "io.edgewise.reading.reported.v1"),
        ("CoolingRequested", "io.edgewise.cooling.requested.v1"), ("HVACFault", "io.edgewise.hvac.fault.v1"),
        ("Pump2Started", "io.edgewise.pump2.started.v1"),
    ])
    func cloudEventType(name: String, type: String) {
        #expect(EventName(name).cloudEventType() == type)
    }

    @Test(arguments: ["CoolingRequested", "A", "Pump2"])
    func acceptsEventName(name: String) {
        #expect(Names.isValidEventName(name))
    }

    @Test(arguments: ["coolingRequested", "Cooling-Requested", "", "Cooling Requested"])
    func rejectsEventName(name: String) {
        #expect(!Names.isValidEventName(name))
    }
}
