//! Complaint numbers and withdrawal receipt references, dated in China Standard Time: what
//! the handlers give a new complaint or withdrawal, and what the seed gives its own.

use complaint_api::ComplaintId;
use complaint_rules::UtcMillis;

/// `TS` + the filing date (China time) + the id, e.g. `TS20261126000123`.
pub fn complaint_number(filed_at: UtcMillis, id: ComplaintId) -> String {
    format!("TS{}{:06}", cst_date_code(filed_at), id.0)
}

/// `CX` + the withdrawal date (China time) + the complaint id, e.g. `CX20261126000123`.
pub fn withdrawal_reference(withdrawn_at: UtcMillis, id: ComplaintId) -> String {
    format!("CX{}{:06}", cst_date_code(withdrawn_at), id.0)
}

/// China Standard Time (UTC+8), the time zone in which complaint and receipt numbers are
/// dated.
const CST_OFFSET_MS: i64 = 8 * 3_600_000;

/// `YYYYMMDD` of the instant in China Standard Time, for numbers like `TS20261126000123`.
fn cst_date_code(at: UtcMillis) -> String {
    let days = (at.0 + CST_OFFSET_MS).div_euclid(86_400_000);
    let (year, month, day) = civil_from_days(days);
    format!("{year:04}{month:02}{day:02}")
}

/// Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_in_china_standard_time() {
        assert_eq!(cst_date_code(UtcMillis(0)), "19700101");
        // 2026-11-25T16:00:00Z is 2026-11-26 00:00 in Beijing.
        assert_eq!(cst_date_code(UtcMillis(1_795_622_400_000)), "20261126");
        assert_eq!(cst_date_code(UtcMillis(1_795_622_399_999)), "20261125");
        // 2024-02-29 (leap day) at noon UTC.
        assert_eq!(cst_date_code(UtcMillis(1_709_208_000_000)), "20240229");
    }

    #[test]
    fn numbers_carry_the_date_and_the_id() {
        let at = UtcMillis(1_795_622_400_000);
        assert_eq!(complaint_number(at, ComplaintId(123)), "TS20261126000123");
        assert_eq!(withdrawal_reference(at, ComplaintId(7)), "CX20261126000007");
    }
}
