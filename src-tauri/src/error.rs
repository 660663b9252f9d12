//! The one error every command returns: the core's `{code, message}` plus, for bad
//! input, the field it names, so a form can put the message under that field.

use serde::Serialize;

/// What a failed command hands the UI. `code` is the core's [`rungs::Error::code`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct AppError {
    pub code: String,
    pub message: String,
    /// The input field at fault (`invalid_input` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
}

impl From<rungs::Error> for AppError {
    fn from(e: rungs::Error) -> Self {
        let rungs::ErrorPayload { code, message } = e.payload();
        let field = match &e {
            rungs::Error::Invalid { field, .. } => Some(field.clone()),
            _ => None,
        };
        AppError {
            code,
            message,
            field,
        }
    }
}

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
