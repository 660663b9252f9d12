//! "Today", overridable with `RUNGS_TODAY=YYYY-MM-DD` so tests and the demo's
//! relative dates are reproducible.

use chrono::{Local, NaiveDate, SecondsFormat, Utc};

use crate::{Error, Result};

pub const TODAY_ENV: &str = "RUNGS_TODAY";

pub fn today() -> Result<NaiveDate> {
    match std::env::var(TODAY_ENV) {
        Ok(s) if !s.trim().is_empty() => parse_date(TODAY_ENV, s.trim()),
        _ => Ok(Local::now().date_naive()),
    }
}

/// Now as an RFC 3339 UTC timestamp with milliseconds: sortable as text.
pub fn now_timestamp() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Strict `YYYY-MM-DD`: rejects impossible dates and unpadded fields.
pub fn parse_date(field: &str, s: &str) -> Result<NaiveDate> {
    let ok_shape = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !ok_shape {
        return Err(Error::invalid(
            field,
            format!("'{s}' is not a date; use YYYY-MM-DD"),
        ));
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| Error::invalid(field, format!("{s} is not a real date")))
}

/// Strict `HH:MM`, 24-hour.
pub fn parse_time(field: &str, s: &str) -> Result<chrono::NaiveTime> {
    let ok_shape = s.len() == 5
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 2 {
                b == b':'
            } else {
                b.is_ascii_digit()
            }
        });
    if !ok_shape {
        return Err(Error::invalid(
            field,
            format!("'{s}' is not a time; use HH:MM (24-hour)"),
        ));
    }
    chrono::NaiveTime::parse_from_str(s, "%H:%M")
        .map_err(|_| Error::invalid(field, format!("{s} is not a real time of day")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_strict() {
        assert!(parse_date("date", "2026-02-28").is_ok());
        assert!(parse_date("date", "2024-02-29").is_ok());
        for bad in [
            "2026-02-30",
            "2026-2-3",
            "26-02-03",
            "2026/02/03",
            "",
            "2026-13-01",
        ] {
            let e = parse_date("date", bad).unwrap_err();
            assert!(e.to_string().starts_with("date: "), "{bad}: {e}");
        }
    }

    #[test]
    fn times_are_strict() {
        assert!(parse_time("time", "09:05").is_ok());
        for bad in ["24:00", "9:05", "12:60", "12-30", "noon"] {
            assert!(parse_time("time", bad).is_err(), "{bad}");
        }
    }
}
