//! Calendar arithmetic without a date crate (the first load has no room for
//! one).

/// Seconds since 1970 (UTC) as a W3C date-time such as 2021-09-06T08:00:00Z.
pub fn w3c_from_unix(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// The day (days since 1970-01-01) of a W3C date-time such as
/// 2021-09-06T08:00:00Z; `None` when it does not start with a date.
pub fn days_of_w3c(text: &str) -> Option<i64> {
    let date = text.get(..10)?;
    let mut parts = date.split('-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next()?.parse().ok()?;
    let d: i64 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// Days since 1970-01-01 to (year, month, day) in the proleptic Gregorian
/// calendar (Howard Hinnant's civil_from_days).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_instants() {
        assert_eq!(w3c_from_unix(0), "1970-01-01T00:00:00Z");
        assert_eq!(w3c_from_unix(1_630_915_200), "2021-09-06T08:00:00Z");
        assert_eq!(w3c_from_unix(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(days_of_w3c("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(
            days_of_w3c("2000-02-29T00:00:00.000Z"),
            Some(951_782_400 / 86_400)
        );
        assert_eq!(
            days_of_w3c("2021-09-06T08:00:00Z"),
            Some(1_630_915_200 / 86_400)
        );
        assert_eq!(days_of_w3c("garbage"), None);
    }
}
