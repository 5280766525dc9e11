import Foundation
import NhacViecCore

/// Times the operations the planner calls per reminder, millions of times each, and prints calls per second.
func measure(_ name: String, iterations: Int, _ body: (Int) -> Int) {
    let start = DispatchTime.now().uptimeNanoseconds
    var sink = 0
    for index in 0..<iterations { sink &+= body(index) }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let rate = Double(iterations) / seconds
    let label = name.padding(toLength: 40, withPad: " ", startingAt: 0)
    print(
        label + String(format: " %10d calls  %7.3f s  %12.0f calls/s  (checksum %d)", iterations, seconds, rate, sink))
}

let initStart = DispatchTime.now().uptimeNanoseconds
let calendar = WorkingCalendar()
print(
    String(
        format: "WorkingCalendar.init (1900–2199)          %.2f ms",
        Double(DispatchTime.now().uptimeNanoseconds - initStart) / 1e6))
let base = CivilDate(year: 2025, month: 1, day: 1)!.dayNumber
let span = 3650
let n = 5_000_000
measure("isWorkingDay", iterations: n) { calendar.isWorkingDay(CivilDate(dayNumber: base + $0 % span)) ? 1 : 0 }
measure("previousWorkingDay(onOrBefore:)", iterations: n) {
    calendar.previousWorkingDay(onOrBefore: CivilDate(dayNumber: base + $0 % span)).dayNumber
}
measure("adding(workingDays: -7)", iterations: n) {
    calendar.adding(workingDays: -7, to: CivilDate(dayNumber: base + $0 % span)).dayNumber
}
measure("adding(workingDays: 250)", iterations: n) {
    calendar.adding(workingDays: 250, to: CivilDate(dayNumber: base + $0 % span)).dayNumber
}
measure("workingDays(from:to:) over a year", iterations: n) {
    calendar.workingDays(from: CivilDate(dayNumber: base + $0 % span), to: CivilDate(dayNumber: base + $0 % span + 365))
}
let lunarN = 1_000_000
measure("LunarCalendar.lunarDate(for:)", iterations: lunarN) {
    LunarCalendar.lunarDate(for: CivilDate(dayNumber: base + $0 % span))?.day ?? 0
}
