//! The one error every command returns: the core's [`rungs::ErrorPayload`],
//! `{code, message}` plus, for bad input, the field it names.

/// The core's payload is the app's error type: one type, serialized as is.
pub type AppError = rungs::ErrorPayload;

pub type AppResult<T> = Result<T, AppError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_input_serializes_with_its_field() {
        let e: AppError = rungs::Error::invalid("date", "2026-02-30 is not a real date").into();
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            serde_json::json!({
                "code": "invalid_input",
                "message": "date: 2026-02-30 is not a real date",
                "field": "date"
            })
        );
    }

    #[test]
    fn other_errors_serialize_to_code_and_message_only() {
        let e: AppError = rungs::Error::not_found("entry", "0193abcd").into();
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            serde_json::json!({"code": "not_found", "message": "entry not found: 0193abcd"})
        );
        let e: AppError = rungs::Error::Conflict("already in the trash".into()).into();
        assert_eq!(e.code, "conflict");
    }
}
