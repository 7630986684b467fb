//! The engine's layer rule (ARCHITECTURE.md, src/engine/mod.rs), checked on the source: a
//! module imports only modules of lower layers, and the engine's top-level modules form no
//! import cycle. A scan of the `crate::engine::…` and `super::…` paths in each file is enough.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each top-level engine module and its layer, bottom (0) to top.
const LAYERS: [(&str, u8); 13] = [
    ("base", 0),
    ("learn", 1),
    ("ingest", 2),
    ("profile", 2),
    ("recipe", 2),
    ("combine", 2),
    ("export", 2),
    ("features", 2),
    ("artifact", 3),
    ("fixes", 3),
    ("train", 4),
    ("stream", 4),
    ("mod", 5),
];

fn engine() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src/engine")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file belongs to (`src/engine/recipe/encode/one_hot.rs` → `recipe`).
fn owner(file: &Path) -> String {
    let rel = file.strip_prefix(engine()).unwrap();
    let first = rel.components().next().unwrap().as_os_str().to_string_lossy().to_string();
    first.trim_end_matches(".rs").to_string()
}

/// The top-level engine modules named by `crate::engine::…` paths in `text`, and by `super::…`
/// paths that climb out of the file's own module (from its depth in the tree).
fn imports(file: &Path, text: &str, modules: &BTreeSet<String>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let code: String = text.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
    let mut named = |rest: &str| {
        if let Some(rest) = rest.strip_prefix('{') {
            for item in rest.split([',', '}']) {
                let head: String = item.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                if modules.contains(&head) {
                    found.insert(head);
                }
            }
        } else {
            let head: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if modules.contains(&head) {
                found.insert(head);
            }
        }
    };
    for (at, _) in code.match_indices("crate::engine::") {
        named(&code[at + "crate::engine::".len()..]);
    }
    // A file at src/engine/a/b.rs (not mod.rs) is module a::b: `super::x` is a::x, `super::super::x`
    // is the top-level x. A file src/engine/a.rs or src/engine/a/mod.rs: `super::x` is top-level x.
    let rel = file.strip_prefix(engine()).unwrap();
    let mut depth = rel.components().count();
    if rel.file_name().is_some_and(|n| n == "mod.rs") {
        depth -= 1;
    }
    let climb = "super::".repeat(depth);
    if depth > 0 {
        for (at, _) in code.match_indices(&climb) {
            let before = &code[..at];
            if !before.ends_with("super::") {
                named(&code[at + climb.len()..]);
            }
        }
    }
    found
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let modules: BTreeSet<String> = LAYERS.iter().map(|(m, _)| m.to_string()).collect();
    let mut files = Vec::new();
    rust_files(&engine(), &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let from = owner(&file);
        assert!(
            modules.contains(&from),
            "{} is in no layer: add its module to LAYERS, ARCHITECTURE.md and src/engine/mod.rs",
            file.display()
        );
        let text = std::fs::read_to_string(&file).unwrap();
        let to = imports(&file, &text, &modules);
        graph.entry(from.clone()).or_default().extend(to.into_iter().filter(|m| *m != from));
    }
    graph
}

fn layer(module: &str) -> u8 {
    LAYERS.iter().find(|(m, _)| *m == module).unwrap().1
}

#[test]
fn no_engine_module_imports_a_higher_layer_or_its_own() {
    let mut wrong = Vec::new();
    for (from, targets) in graph() {
        for to in targets {
            if layer(&to) >= layer(&from) && from != "mod" {
                wrong.push(format!("{from} (layer {}) imports {to} (layer {})", layer(&from), layer(&to)));
            }
        }
    }
    assert!(wrong.is_empty(), "imports against the layer rule (ARCHITECTURE.md):\n{}", wrong.join("\n"));
}

#[test]
fn the_engine_top_level_modules_form_no_cycle() {
    let graph = graph();
    // Depth-first search with colours: reaching a grey module again is a cycle.
    fn visit(
        m: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        colour: &mut BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        colour.insert(m.to_string(), 1);
        path.push(m.to_string());
        for next in graph.get(m).into_iter().flatten() {
            match colour.get(next).copied().unwrap_or(0) {
                1 => return Some(path.iter().skip_while(|p| *p != next).cloned().chain([next.clone()]).collect()),
                0 => {
                    if let Some(cycle) = visit(next, graph, colour, path) {
                        return Some(cycle);
                    }
                }
                _ => {}
            }
        }
        path.pop();
        colour.insert(m.to_string(), 2);
        None
    }
    let mut colour = BTreeMap::new();
    for m in graph.keys() {
        if colour.get(m).copied().unwrap_or(0) == 0 {
            if let Some(cycle) = visit(m, &graph, &mut colour, &mut Vec::new()) {
                panic!("import cycle: {}", cycle.join(" → "));
            }
        }
    }
}

/// The scan itself finds what it must (so the rule cannot pass by reading nothing).
#[test]
fn the_scan_sees_imports() {
    let graph = graph();
    assert!(graph["train"].contains("recipe") && graph["train"].contains("learn"), "{:?}", graph["train"]);
    assert!(graph["recipe"].contains("base"), "{:?}", graph["recipe"]);
    let modules: BTreeSet<String> = ["base", "learn"].map(String::from).into();
    let fake = engine().join("recipe/encode/x.rs");
    assert_eq!(
        imports(&fake, "use super::super::super::learn::Task;\nuse crate::engine::{base::table::Table};", &modules),
        modules
    );
}

fn sources_under(part: &str) -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(part), &mut files);
    files.into_iter().map(|f| (f.clone(), std::fs::read_to_string(f).unwrap())).collect()
}

/// The parts around the engine keep their places: the engine and the client never touch the
/// browser, and the page reaches the engine only for its number formatting (everything else
/// it asks the worker for, through the protocol's types).
#[test]
fn the_parts_keep_their_places() {
    let mut wrong = Vec::new();
    for part in ["engine", "client"] {
        for (file, text) in sources_under(part) {
            for browser in ["web_sys", "js_sys", "leptos", "wasm_bindgen"] {
                if text.contains(&format!("{browser}::")) || text.contains(&format!("use {browser}")) {
                    wrong.push(format!("{} uses {browser}", file.display()));
                }
            }
        }
    }
    for (file, text) in sources_under("ui") {
        for (at, _) in text.match_indices("crate::engine::") {
            if !text[at..].starts_with("crate::engine::base::format::") {
                wrong.push(format!(
                    "{} reaches into the engine: {}",
                    file.display(),
                    text[at..].lines().next().unwrap_or("")
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
