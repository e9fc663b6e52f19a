//! PDF to text: lopdf parses the file (cross-references, object streams, filters, empty-password
//! decryption); this module runs the text operators of each page's content (ISO 32000-1 §9)
//! and decodes strings through the font's `ToUnicode` CMap or its encoding.
//!
//! Lines come from positions, not from the operators: text whose baseline moves by more than
//! half its height starts a line, and a horizontal jump of more than 0.15 em (0.35 em when the
//! font has no widths and advances are estimated) between two pieces on one baseline becomes a
//! space. Widths come from the font (font.rs).

use std::collections::HashMap;
use std::rc::Rc;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, LoadOptions, Object, ObjectId};

use super::font::Font;
use super::{DocLimits, TextOut, unpacked_limit};
use crate::{DocKind, ExtractError};

/// Form XObjects nested deeper than this are not read.
const MAX_FORM_DEPTH: usize = 8;

pub(super) fn read(
    bytes: &[u8],
    limits: &DocLimits,
    out: &mut TextOut,
) -> Result<(), ExtractError> {
    let corrupt = |reason: String| ExtractError::Document {
        kind: DocKind::Pdf,
        reason,
    };
    let cap = unpacked_limit(limits);
    let options = LoadOptions {
        max_decompressed_size: Some(cap),
        ..LoadOptions::default()
    };
    let doc = Document::load_mem_with_options(bytes, options).map_err(|e| match e {
        lopdf::Error::InvalidPassword | lopdf::Error::Decryption(_) => {
            ExtractError::DocumentEncrypted { kind: DocKind::Pdf }
        }
        e => corrupt(e.to_string()),
    })?;
    // Files with an empty user password (print or copy restrictions only) were decrypted while
    // loading; one that is still encrypted needs a password we do not have.
    if doc.is_encrypted() {
        return Err(ExtractError::DocumentEncrypted { kind: DocKind::Pdf });
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(corrupt("no pages".to_string()));
    }
    let mut reader = Reader {
        doc: &doc,
        fonts: HashMap::new(),
        // One page's content, and all content streams together.
        page_cap: (cap / 4).max(1 << 20),
        budget: cap.saturating_mul(2),
        first_error: None,
    };
    for (index, &page_id) in pages.values().enumerate() {
        if index >= limits.max_pages || reader.budget == 0 {
            out.mark_truncated();
            break;
        }
        if out.is_full() {
            break;
        }
        reader.page(page_id, out);
        if out.last_char().is_some_and(|c| c != '\n') {
            out.push('\n');
        }
    }
    match reader.first_error {
        Some(error) if out.is_empty() => Err(corrupt(error)),
        Some(_) => {
            out.mark_truncated();
            Ok(())
        }
        None => Ok(()),
    }
}

/// What a content stream can refer to by name.
#[derive(Default)]
struct Resources<'a> {
    fonts: HashMap<Vec<u8>, &'a Dictionary>,
    xobjects: HashMap<Vec<u8>, &'a Object>,
}

impl<'a> Resources<'a> {
    /// Adds the entries of a `/Resources` dictionary that are not there yet.
    fn add(&mut self, doc: &'a Document, resources: &'a Dictionary) {
        if let Some(fonts) = resources.get(b"Font").ok().and_then(|f| dict(doc, f)) {
            for (name, font) in fonts.iter() {
                if let Some(font) = dict(doc, font) {
                    self.fonts.entry(name.clone()).or_insert(font);
                }
            }
        }
        if let Some(xobjects) = resources.get(b"XObject").ok().and_then(|x| dict(doc, x)) {
            for (name, xobject) in xobjects.iter() {
                self.xobjects.entry(name.clone()).or_insert(xobject);
            }
        }
    }
}

pub(super) fn deref<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Object> {
    doc.dereference(object).ok().map(|(_, o)| o)
}

pub(super) fn dict<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Dictionary> {
    deref(doc, object)?.as_dict().ok()
}

pub(super) fn number(object: &Object) -> Option<f32> {
    object.as_float().ok().filter(|v| v.is_finite())
}

struct Reader<'a> {
    doc: &'a Document,
    /// Decoders by font dictionary (its address: the document outlives the reader), shared by
    /// every page that uses the font.
    fonts: HashMap<usize, Rc<Font>>,
    page_cap: usize,
    /// Decompressed content bytes still allowed.
    budget: usize,
    first_error: Option<String>,
}

impl<'a> Reader<'a> {
    fn page(&mut self, page_id: ObjectId, out: &mut TextOut) {
        let doc = self.doc;
        let content = match doc.get_page_content_with_limit(page_id, self.page_cap.min(self.budget))
        {
            Ok(content) => content,
            Err(e) => {
                self.first_error.get_or_insert(format!("page content: {e}"));
                return;
            }
        };
        self.budget = self.budget.saturating_sub(content.len());
        let mut resources = Resources::default();
        if let Ok((direct, ids)) = doc.get_page_resources(page_id) {
            if let Some(direct) = direct {
                resources.add(doc, direct);
            }
            for id in ids {
                if let Ok(dict) = doc.get_dictionary(id) {
                    resources.add(doc, dict);
                }
            }
        }
        let mut state = TextState::default();
        self.run(&content, &resources, &mut state, 0, out);
    }

    /// Interprets one content stream (a page's, or a form's).
    fn run(
        &mut self,
        content: &[u8],
        resources: &Resources<'a>,
        state: &mut TextState,
        depth: usize,
        out: &mut TextOut,
    ) {
        let operations = match Content::decode(content) {
            Ok(content) => content.operations,
            Err(e) => {
                self.first_error
                    .get_or_insert(format!("content stream: {e}"));
                return;
            }
        };
        let mut saved: Vec<Graphics> = Vec::new();
        for op in &operations {
            if out.is_full() {
                return;
            }
            let args = &op.operands;
            let num = |i: usize| args.get(i).and_then(number);
            match op.operator.as_str() {
                "q" if saved.len() < 256 => saved.push(state.graphics.clone()),
                "Q" => {
                    if let Some(previous) = saved.pop() {
                        state.graphics = previous;
                    }
                }
                "cm" => {
                    if let Some(m) = Matrix::from_operands(args) {
                        state.graphics.ctm = m.then(state.graphics.ctm);
                    }
                }
                "BT" => {
                    state.tm = Matrix::IDENTITY;
                    state.lm = Matrix::IDENTITY;
                }
                "Tf" => {
                    state.graphics.font = args
                        .first()
                        .and_then(|n| n.as_name().ok())
                        .and_then(|name| resources.fonts.get(name))
                        .map(|font| self.font(font));
                    state.graphics.size = num(1).unwrap_or(0.0);
                }
                "Tc" => state.graphics.char_spacing = num(0).unwrap_or(0.0),
                "Tw" => state.graphics.word_spacing = num(0).unwrap_or(0.0),
                "Tz" => state.graphics.h_scale = num(0).unwrap_or(100.0) / 100.0,
                "TL" => state.graphics.leading = num(0).unwrap_or(0.0),
                "Td" => state.next_line(num(0).unwrap_or(0.0), num(1).unwrap_or(0.0)),
                "TD" => {
                    let ty = num(1).unwrap_or(0.0);
                    state.graphics.leading = -ty;
                    state.next_line(num(0).unwrap_or(0.0), ty);
                }
                "Tm" => {
                    if let Some(m) = Matrix::from_operands(args) {
                        state.tm = m;
                        state.lm = m;
                    }
                }
                "T*" => state.next_line(0.0, -state.graphics.leading),
                "Tj" => state.show(args.first(), out),
                "TJ" => {
                    if let Some(Ok(items)) = args.first().map(Object::as_array) {
                        for item in items {
                            match item {
                                Object::String(..) => state.show(Some(item), out),
                                other => {
                                    if let Some(n) = number(other) {
                                        state.adjust(n);
                                    }
                                }
                            }
                        }
                    }
                }
                "'" => {
                    state.next_line(0.0, -state.graphics.leading);
                    state.show(args.first(), out);
                }
                "\"" => {
                    if let (Some(aw), Some(ac)) = (num(0), num(1)) {
                        state.graphics.word_spacing = aw;
                        state.graphics.char_spacing = ac;
                    }
                    state.next_line(0.0, -state.graphics.leading);
                    state.show(args.get(2), out);
                }
                "Do" if depth < MAX_FORM_DEPTH => {
                    if let Some(name) = args.first().and_then(|n| n.as_name().ok()) {
                        self.form(name, resources, state, depth, out);
                    }
                }
                _ => {}
            }
        }
    }

    /// Runs a form XObject (`Do`), whose content may hold text; images are skipped.
    fn form(
        &mut self,
        name: &[u8],
        resources: &Resources<'a>,
        state: &mut TextState,
        depth: usize,
        out: &mut TextOut,
    ) {
        let doc = self.doc;
        let Some(stream) = resources
            .xobjects
            .get(name)
            .and_then(|x| deref(doc, x))
            .and_then(|x| x.as_stream().ok())
        else {
            return;
        };
        if stream.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form".as_slice()) {
            return;
        }
        let content = match stream.get_plain_content_with_limit(self.page_cap.min(self.budget)) {
            Ok(content) => content,
            Err(e) => {
                self.first_error.get_or_insert(format!("form content: {e}"));
                return;
            }
        };
        self.budget = self.budget.saturating_sub(content.len());
        let mut inner = Resources::default();
        if let Some(own) = stream
            .dict
            .get(b"Resources")
            .ok()
            .and_then(|r| dict(doc, r))
        {
            inner.add(doc, own);
        }
        // A form without resources uses its parent's (ISO 32000-1 7.8.3).
        for (k, v) in &resources.fonts {
            inner.fonts.entry(k.clone()).or_insert(v);
        }
        for (k, v) in &resources.xobjects {
            inner.xobjects.entry(k.clone()).or_insert(v);
        }
        let saved = state.graphics.clone();
        if let Some(m) = stream
            .dict
            .get(b"Matrix")
            .and_then(Object::as_array)
            .ok()
            .and_then(|a| Matrix::from_operands(a))
        {
            state.graphics.ctm = m.then(state.graphics.ctm);
        }
        let (tm, lm) = (state.tm, state.lm);
        self.run(&content, &inner, state, depth + 1, out);
        state.graphics = saved;
        (state.tm, state.lm) = (tm, lm);
    }

    fn font(&mut self, dict: &'a Dictionary) -> Rc<Font> {
        let key = std::ptr::from_ref(dict) as usize;
        if let Some(font) = self.fonts.get(&key) {
            return font.clone();
        }
        let font = Rc::new(Font::new(self.doc, dict, self.page_cap));
        self.fonts.insert(key, font.clone());
        font
    }
}

/// A 2-D affine matrix `[a b c d e f]` (ISO 32000-1 8.3.3).
#[derive(Clone, Copy, Debug)]
struct Matrix([f32; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    fn from_operands(args: &[Object]) -> Option<Matrix> {
        let mut m = [0.0; 6];
        if args.len() < 6 {
            return None;
        }
        for (slot, arg) in m.iter_mut().zip(args) {
            *slot = number(arg)?;
        }
        Some(Matrix(m))
    }

    /// `self` then `other` (the product self × other).
    fn then(self, other: Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = other.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }

    fn translate(tx: f32, ty: f32) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, tx, ty])
    }
}

/// The graphics state parameters text needs (saved by `q`, restored by `Q`).
#[derive(Clone)]
struct Graphics {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    h_scale: f32,
    leading: f32,
}

impl Default for Graphics {
    fn default() -> Self {
        Graphics {
            ctm: Matrix::IDENTITY,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            h_scale: 1.0,
            leading: 0.0,
        }
    }
}

/// Where the last glyph ended, in user space.
#[derive(Clone, Copy)]
struct Pen {
    x: f32,
    y: f32,
    /// Font height there, for the line threshold.
    em_v: f32,
    /// A horizontal gap wider than this is a word break.
    word_gap: f32,
    /// Width of an em there.
    em_h: f32,
}

struct TextState {
    graphics: Graphics,
    tm: Matrix,
    lm: Matrix,
    pen: Option<Pen>,
}

impl Default for TextState {
    fn default() -> Self {
        TextState {
            graphics: Graphics::default(),
            tm: Matrix::IDENTITY,
            lm: Matrix::IDENTITY,
            pen: None,
        }
    }
}

impl TextState {
    fn next_line(&mut self, tx: f32, ty: f32) {
        self.lm = Matrix::translate(tx, ty).then(self.lm);
        self.tm = self.lm;
    }

    /// A `TJ` number: moves the pen left by `n` thousandths of an em.
    fn adjust(&mut self, n: f32) {
        let g = &self.graphics;
        let tx = -n / 1000.0 * g.size * g.h_scale;
        self.tm = Matrix::translate(tx, 0.0).then(self.tm);
    }

    /// Shows a string: each code's text goes out after the line or space its position calls for.
    fn show(&mut self, string: Option<&Object>, out: &mut TextOut) {
        let Some(Ok(bytes)) = string.map(Object::as_str) else {
            return;
        };
        let Some(font) = self.graphics.font.clone() else {
            return;
        };
        let g = &self.graphics;
        let (ctm, size, char_spacing, word_spacing, h_scale) =
            (g.ctm, g.size, g.char_spacing, g.word_spacing, g.h_scale);
        // A word space is 0.2 to 0.33 em (TeX shrinks it to 0.22); an estimated advance can
        // be off by a third of an em, so without widths only a wider gap counts.
        let word_gap = if font.measured() { 0.15 } else { 0.35 };
        font.each_code(bytes, |text, width, single_space| {
            let trm = self.tm.then(ctm);
            let [a, b, c, d, x, y] = trm.0;
            let em_v = size.abs() * c.hypot(d);
            let em_h = size.abs() * a.hypot(b);
            if !text.is_empty() {
                if let Some(pen) = self.pen {
                    let same_line = (y - pen.y).abs() <= (pen.em_v.max(em_v) * 0.5).max(0.5);
                    let gap = x - pen.x;
                    let last = out.last_char();
                    if !same_line {
                        if last.is_some_and(|c| c != '\n') {
                            out.push('\n');
                        }
                    } else if (gap > pen.word_gap || gap < -0.5 * pen.em_h)
                        && last.is_some_and(|c| !c.is_whitespace())
                    {
                        out.push(' ');
                    }
                }
                out.push_str(text);
            }
            let spacing = if single_space { word_spacing } else { 0.0 };
            let tx = (width * size + char_spacing + spacing) * h_scale;
            self.tm = Matrix::translate(tx, 0.0).then(self.tm);
            if !text.is_empty() {
                let end = self.tm.then(ctm).0;
                self.pen = Some(Pen {
                    x: end[4],
                    y,
                    em_v,
                    word_gap: em_h * word_gap,
                    em_h,
                });
            }
        });
    }
}
