//! Forms: where they submit, their fields, and what they are for.

use super::doc::Doc;
use super::{Form, FormPurpose};

/// Most forms read from one page.
const MAX_FORMS: usize = 100;
/// Most fields read from one form.
const MAX_FIELDS: usize = 200;

/// Every `<form>` on the page, in order.
pub(super) fn forms(doc: &Doc<'_>) -> Vec<Form> {
    doc.elements()
        .filter(|&i| doc.tag(i) == "form")
        .take(MAX_FORMS)
        .map(|i| form(doc, i))
        .collect()
}

fn form(doc: &Doc<'_>, f: usize) -> Form {
    let action_raw = doc.attr(f, "action").unwrap_or_default().trim();
    let action = if action_raw.is_empty() {
        doc.page.to_string()
    } else {
        doc.base
            .join(action_raw)
            .map_or_else(|_| doc.page.to_string(), |u| u.to_string())
    };
    let method = doc
        .attr(f, "method")
        .map(|m| m.trim().to_ascii_lowercase())
        .filter(|m| !m.is_empty())
        .unwrap_or_else(|| "get".to_owned());
    let mut fields = Vec::new();
    let mut submit = false;
    let mut textarea = false;
    let mut password = false;
    for i in (f + 1..doc.nodes[f].end).take(20_000) {
        let Some(el) = doc.el(i) else { continue };
        let kind = el.attr("type").map(|t| t.trim().to_ascii_lowercase());
        let named = match el.name() {
            "input" => match kind.as_deref() {
                Some("submit" | "image") => {
                    submit = true;
                    false
                }
                Some("hidden" | "button" | "reset") => false,
                Some("password") => {
                    password = true;
                    true
                }
                _ => true,
            },
            "button" => {
                if matches!(kind.as_deref(), None | Some("submit") | Some("")) {
                    submit = true;
                }
                false
            }
            "textarea" => {
                textarea = true;
                true
            }
            "select" => true,
            _ => false,
        };
        if named
            && fields.len() < MAX_FIELDS
            && let Some(name) = el.attr("name").or_else(|| el.attr("id"))
        {
            let name = name.trim();
            if !name.is_empty() {
                fields.push(name.to_owned());
            }
        }
    }
    let purpose = purpose(
        doc,
        f,
        &action_raw.to_ascii_lowercase(),
        &fields,
        textarea,
        password,
    );
    Form {
        action,
        method,
        purpose,
        fields,
        submit,
    }
}

fn purpose(
    doc: &Doc<'_>,
    f: usize,
    action: &str,
    fields: &[String],
    textarea: bool,
    password: bool,
) -> FormPurpose {
    if password {
        return FormPurpose::Other;
    }
    let names: Vec<String> = fields.iter().map(|n| n.to_ascii_lowercase()).collect();
    let search_field = names.iter().any(|n| {
        ["search", "keyword", "key", "query", "word"]
            .iter()
            .any(|w| n.contains(w))
            || matches!(n.as_str(), "q" | "wd" | "kw" | "s" | "sw")
    });
    let action_tokens = action.split(|c: char| !c.is_ascii_alphanumeric());
    let search_action = action.contains("search")
        || action.contains("query")
        || action.contains("sousuo")
        || action_tokens.clone().any(|t| t == "so" || t == "ss");
    if !textarea && (search_field || search_action) {
        return FormPurpose::Search;
    }
    let text = doc.text(f, None, 500);
    let has = |w: &str| names.iter().any(|n| n.contains(w));
    if textarea
        || has("content") && (has("title") || has("name"))
        || has("liuyan")
        || doc
            .cues
            .message_form_words
            .iter()
            .any(|w| text.contains(w.as_str()))
            && (has("content") || has("title"))
    {
        return FormPurpose::Message;
    }
    FormPurpose::Other
}
