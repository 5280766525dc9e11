#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// New moons (Jean Meeus, *Astronomical Algorithms*, ch. 49, to a few seconds) and the sun's longitude,
/// reckoned in a local time zone as the Vietnamese calendar rules need (Hồ Ngọc Đức's method).
enum LunarAstronomy {
    /// The Julian day number of 1970-01-01, the origin of `CivilDate.dayNumber`.
    static let julianDayOfEpoch = 2_440_588
    /// Julian day (UT) of the new moon of 1900-01-01 13:51 UT, new moon number 0.
    static let firstNewMoon = 2_415_021.076998695
    /// Mean length of a lunation in days.
    static let synodicMonth = 29.530588853

    /// The instant (Julian day, UT) of new moon number `number`, counted from the one of 1900-01-01.
    static func newMoon(_ number: Int) -> Double {
        let k = Double(number - 1237)  // Meeus counts from the new moon of 2000-01-06.
        let t = k / 1236.85
        let t2 = t * t
        let t3 = t2 * t
        let t4 = t3 * t
        let dr = Double.pi / 180
        let jde = 2_451_550.09766 + 29.530588861 * k + 0.00015437 * t2 - 0.000000150 * t3 + 0.00000000073 * t4
        let e = 1 - 0.002516 * t - 0.0000074 * t2
        let m = (2.5534 + 29.10535670 * k - 0.0000014 * t2 - 0.00000011 * t3) * dr
        let mp = (201.5643 + 385.81693528 * k + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4) * dr
        let f = (160.7108 + 390.67050284 * k - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4) * dr
        let omega = (124.7746 - 1.56375588 * k + 0.0020672 * t2 + 0.00000215 * t3) * dr
        var correction = -0.40720 * sin(mp) + 0.17241 * e * sin(m) + 0.01608 * sin(2 * mp) + 0.01039 * sin(2 * f)
        correction += 0.00739 * e * sin(mp - m) - 0.00514 * e * sin(mp + m) + 0.00208 * e * e * sin(2 * m)
        correction += -0.00111 * sin(mp - 2 * f) - 0.00057 * sin(mp + 2 * f) + 0.00056 * e * sin(2 * mp + m)
        correction += -0.00042 * sin(3 * mp) + 0.00042 * e * sin(m + 2 * f) + 0.00038 * e * sin(m - 2 * f)
        correction += -0.00024 * e * sin(2 * mp - m) - 0.00017 * sin(omega) - 0.00007 * sin(mp + 2 * m)
        correction += 0.00004 * sin(2 * mp - 2 * f) + 0.00004 * sin(3 * m) + 0.00003 * sin(mp + m - 2 * f)
        correction += 0.00003 * sin(2 * mp + 2 * f) - 0.00003 * sin(mp + m + 2 * f) + 0.00003 * sin(mp - m + 2 * f)
        correction += -0.00002 * sin(mp - m - 2 * f) - 0.00002 * sin(3 * mp + m) + 0.00002 * sin(4 * mp)
        for (index, term) in planetaryTerms.enumerated() {
            let argument = term.phase + term.rate * k - (index == 0 ? 0.009173 * t2 : 0)
            correction += term.amplitude * sin(argument * dr)
        }
        let terrestrialTime = jde + correction
        return terrestrialTime - deltaT(year: 2000 + (terrestrialTime - 2_451_545) / 365.25) / 86400
    }

    /// Meeus's 14 additional corrections for the new moon: argument `phase + rate × k` degrees, amplitude in days.
    private static let planetaryTerms: [(phase: Double, rate: Double, amplitude: Double)] = [
        (299.77, 0.107408, 0.000325), (251.88, 0.016321, 0.000165), (251.83, 26.651886, 0.000164),
        (349.42, 36.412478, 0.000126), (84.66, 18.206239, 0.000110), (141.74, 53.303771, 0.000062),
        (207.14, 2.453732, 0.000060), (154.84, 7.306860, 0.000056), (34.52, 27.261239, 0.000047),
        (207.19, 0.121824, 0.000042), (291.34, 1.844379, 0.000040), (161.72, 24.198154, 0.000037),
        (239.56, 25.513099, 0.000035), (331.55, 3.592518, 0.000023),
    ]

    /// ΔT = TT − UT in seconds (Espenak and Meeus's polynomials, 1860 onwards; extrapolated after 2005).
    static func deltaT(year y: Double) -> Double {
        switch y {
        case ..<1900:
            let t = y - 1860
            return 7.62 + 0.5737 * t - 0.251754 * t * t + 0.01680668 * t * t * t - 0.0004473624 * t * t * t * t
                + t * t * t * t * t / 233174
        case ..<1920:
            let t = y - 1900
            return -2.79 + 1.494119 * t - 0.0598939 * t * t + 0.0061966 * t * t * t - 0.000197 * t * t * t * t
        case ..<1941:
            let t = y - 1920
            return 21.20 + 0.84493 * t - 0.076100 * t * t + 0.0020936 * t * t * t
        case ..<1961:
            let t = y - 1950
            return 29.07 + 0.407 * t - t * t / 233 + t * t * t / 2547
        case ..<1986:
            let t = y - 1975
            return 45.45 + 1.067 * t - t * t / 260 - t * t * t / 718
        case ..<2005:
            let t = y - 2000
            return 63.86 + 0.3345 * t - 0.060374 * t * t + 0.0017275 * t * t * t + 0.000651814 * t * t * t * t
                + 0.00002373599 * t * t * t * t * t
        case ..<2050:
            let t = y - 2000
            return 62.92 + 0.32217 * t + 0.005589 * t * t
        case ..<2150:
            let u = (y - 1820) / 100
            return -20 + 32 * u * u - 0.5628 * (2150 - y)
        default:
            let u = (y - 1820) / 100
            return -20 + 32 * u * u
        }
    }

    /// The sun's true ecliptic longitude in radians, in `0..<2π`, at the instant `jd` (Julian day, UT).
    static func sunLongitude(_ jd: Double) -> Double {
        let t = (jd - 2_451_545.0) / 36525
        let t2 = t * t
        let dr = Double.pi / 180
        let m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2
        let l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2
        var dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * sin(dr * m)
        dl += (0.019993 - 0.000101 * t) * sin(dr * 2 * m) + 0.000290 * sin(dr * 3 * m)
        let longitude = (l0 + dl) * dr
        return longitude - 2 * Double.pi * (longitude / (2 * Double.pi)).rounded(.down)
    }

    /// The local Julian day number of the day that contains new moon number `k`, in a zone `zone` hours ahead of UT.
    static func newMoonDay(_ k: Int, zone: Double) -> Int {
        Int((newMoon(k) + 0.5 + zone / 24).rounded(.down))
    }

    /// The 30° sector (0 = from the March equinox, 9 = from the winter solstice) the sun is in
    /// at the midnight, in a zone `zone` hours ahead of UT, that starts the day with Julian day number `julianDay`.
    static func sunSector(atStartOf julianDay: Int, zone: Double) -> Int {
        let longitude = sunLongitude(Double(julianDay) - 0.5 - zone / 24)
        return Int((longitude / Double.pi * 6).rounded(.down))
    }

    /// The number `k` of the new moon that falls on the local day `julianDay` (a day from `newMoonDay`).
    static func newMoonNumber(on julianDay: Int) -> Int {
        Int(((Double(julianDay) - firstNewMoon) / synodicMonth + 0.5).rounded(.down))
    }

    /// The local Julian day number that starts lunar month 11 (the month containing the winter solstice) of `year`.
    static func month11Start(ofGregorianYear year: Int, zone: Double) -> Int {
        let december31 = CivilDate.daysFromCivil(year: year, month: 12, day: 31) + julianDayOfEpoch
        let k = Int(((Double(december31) - firstNewMoon) / synodicMonth).rounded(.down))
        let start = newMoonDay(k, zone: zone)
        return sunSector(atStartOf: start, zone: zone) >= 9 ? newMoonDay(k - 1, zone: zone) : start
    }

    /// In a 13-month year whose month 11 is new moon number `k`, the position (1–13) after month 11 of
    /// the first month that contains no major solar term: the leap month.
    static func leapMonthOffset(afterNewMoon k: Int, zone: Double) -> Int {
        var offset = 1
        var sector = sunSector(atStartOf: newMoonDay(k + offset, zone: zone), zone: zone)
        var previous: Int
        repeat {
            previous = sector
            offset += 1
            sector = sunSector(atStartOf: newMoonDay(k + offset, zone: zone), zone: zone)
        } while sector != previous && offset < 14
        return offset - 1
    }
}
