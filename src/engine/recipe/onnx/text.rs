//! Text rewriting with ONNX's string operators, exact where they are: `StringSplit` at a
//! literal delimiter (as Rust's `replace` of a literal finds it: leftmost, non-overlapping)
//! or at runs of the space character, and the pieces joined again by a `Scan` over them with
//! `StringConcat`. Sift's white space is Unicode's (Rust's `char::is_whitespace`), so each
//! other white-space character is first replaced by a space. ONNX has no operator that counts
//! characters, trims without squeezing, or changes case as Unicode does: those steps refuse.

use crate::engine::base::onnx::proto::data_type;
use crate::engine::base::onnx::{graph as graph_attr, int, ints, string, Dim, GraphBuilder};

/// Unicode's white space (Rust's `char::is_whitespace`) other than the space itself.
const OTHER_WHITE_SPACE: [char; 24] = [
    '\t', '\n', '\u{0B}', '\u{0C}', '\r', '\u{85}', '\u{A0}', '\u{1680}', '\u{2000}', '\u{2001}', '\u{2002}',
    '\u{2003}', '\u{2004}', '\u{2005}', '\u{2006}', '\u{2007}', '\u{2008}', '\u{2009}', '\u{200A}', '\u{2028}',
    '\u{2029}', '\u{202F}', '\u{205F}', '\u{3000}',
];

/// The pieces of each value of `x` (`string [N, 1]`) split at `delimiter` (at runs of spaces,
/// ignoring spaces at the ends, when `None`), as `string [N, 1, K]` padded with empty strings,
/// and how many pieces each value has (`int64 [N, 1]`).
fn split(graph: &mut GraphBuilder, x: &str, delimiter: Option<&str>) -> (String, String) {
    let attributes = delimiter.map(|d| vec![string("delimiter", d)]).unwrap_or_default();
    let mut outputs = graph.node_in("", "StringSplit", &[x], attributes, 2);
    (outputs.remove(0), outputs.remove(0))
}

/// `value` (a string scalar) in every row of `x` (`string [N, 1]`).
fn same_shape(graph: &mut GraphBuilder, x: &str, value: &str) -> String {
    let all = graph.node("Equal", &[x, x], Vec::new());
    graph.node("Where", &[&all, value, x], Vec::new())
}

/// The first `counts` pieces of each row of `x` joined with `separator` (`string [N, 1]`). One
/// empty piece is added to every row first: onnxruntime's `Scan` refuses zero iterations.
fn join(graph: &mut GraphBuilder, x: &str, (pieces, counts): (String, String), separator: &str) -> String {
    let empty = graph.strings("empty", &[], &[String::new()]);
    let start = same_shape(graph, x, &empty);
    let axis = graph.int64s("axis_2", &[1], vec![2]);
    let pad = graph.node("Unsqueeze", &[&start, &axis], Vec::new());
    let padded = graph.node("Concat", &[&pieces, &pad], vec![int("axis", 2)]);
    let by_piece = graph.node("Transpose", &[&padded], vec![ints("perm", vec![2, 0, 1])]);
    let shape = graph.node("Shape", &[&by_piece], vec![int("start", 0), int("end", 1)]);
    let axes = graph.int64s("axis_0", &[1], vec![0]);
    let k = graph.node("Squeeze", &[&shape, &axes], Vec::new());
    let (zero, one) = (graph.int64s("zero", &[], vec![0]), graph.int64s("one", &[], vec![1]));
    let indices = graph.node("Range", &[&zero, &k, &one], Vec::new());
    let column = [Dim::Rows, Dim::Fixed(1)];
    let (acc, piece, index) = (graph.fresh("joined"), graph.fresh("piece"), graph.fresh("index"));
    let body = graph.subgraph("join", |g| {
        g.input(&acc, data_type::STRING, &column);
        g.input(&piece, data_type::STRING, &column);
        g.input(&index, data_type::INT64, &[]);
        let zero = g.int64s("zero", &[], vec![0]);
        let first = g.node("Equal", &[&index, &zero], Vec::new());
        let within = g.node("Less", &[&index, &counts], Vec::new());
        let sep = g.strings("separator", &[], &[separator.to_string()]);
        let with_sep = g.node("StringConcat", &[&acc, &sep], Vec::new());
        let longer = g.node("StringConcat", &[&with_sep, &piece], Vec::new());
        let grown = g.node("Where", &[&within, &longer, &acc], Vec::new());
        let out = g.node("Where", &[&first, &piece, &grown], Vec::new());
        g.output(&out, data_type::STRING, &column);
    });
    graph.node("Scan", &[&start, &by_piece, &indices], vec![graph_attr("body", body), int("num_scan_inputs", 2)])
}

/// Every occurrence of the literal `find` (not empty) in each value of `x` replaced by `with`.
pub fn replace(graph: &mut GraphBuilder, x: &str, find: &str, with: &str) -> String {
    let pieces = split(graph, x, Some(find));
    join(graph, x, pieces, with)
}

/// Each value of `x` with every Unicode white-space character made a space.
fn spaces(graph: &mut GraphBuilder, x: &str) -> String {
    OTHER_WHITE_SPACE.iter().fold(x.to_string(), |value, c| replace(graph, &value, &c.to_string(), " "))
}

/// Each value's words (Rust's `split_whitespace`) joined by one space: trimmed and squeezed.
pub fn squeeze_white_space(graph: &mut GraphBuilder, x: &str) -> String {
    let spaced = spaces(graph, x);
    let words = split(graph, &spaced, None);
    join(graph, &spaced, words, " ")
}

/// How many words (runs of anything but Unicode white space) each value has (`double [N, 1]`).
pub fn word_count(graph: &mut GraphBuilder, x: &str) -> String {
    let spaced = spaces(graph, x);
    let (_, counts) = split(graph, &spaced, None);
    graph.node("Cast", &[&counts], vec![int("to", data_type::DOUBLE as i64)])
}
