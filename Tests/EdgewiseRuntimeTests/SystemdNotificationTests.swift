import EdgewiseSystem
import Testing

@Suite("What the gateway says on the systemd notification socket")
struct SystemdNotificationTests {
    @Test(arguments: [
        (SystemdNotification.ready(), "READY=1"),
        (.ready(status: "Running gw: 2 devices"), "READY=1\nSTATUS=Running gw: 2 devices"),
        (.reloading(status: "Reloading", monotonicMicroseconds: 1_234_567), "RELOADING=1\nSTATUS=Reloading\nMONOTONIC_USEC=1234567"),
        (.stopping(), "STOPPING=1"),
        (.watchdog, "WATCHDOG=1"),
        (.status("Stalled"), "STATUS=Stalled"),
    ])
    func datagramText(notification: SystemdNotification, text: String) {
        #expect(notification.text == text)
    }

    @Test func aNewlineInAStatusCannotStartAnotherAssignment() {
        #expect(SystemdNotification.status("two\nlines\r\nWATCHDOG=1").text == "STATUS=two lines WATCHDOG=1")
    }
}

@Suite("WATCHDOG_USEC and WATCHDOG_PID, read as sd_watchdog_enabled(3) reads them")
struct SystemdWatchdogSettingTests {
    @Test(arguments: [
        ("30000000", nil, Duration.seconds(30)),
        ("30000000", "42", .seconds(30)),
        ("500", nil, .microseconds(500)),
        ("30000000", "41", nil),
        ("30000000", "not-a-pid", nil),
        ("0", nil, nil),
        ("-5", nil, nil),
        ("30s", nil, nil),
        (nil, "42", nil),
    ] as [(String?, String?, Duration?)])
    func deadline(microseconds: String?, pid: String?, expected: Duration?) {
        #expect(SystemdWatchdogSetting.parse(microseconds: microseconds, pid: pid, currentPID: 42) == expected)
    }
}
