//! The setup link (src/client/setup_link.rs): a setup goes into a `#setup=` fragment and comes
//! back the same; anything garbled, cut short or from a newer Sift is refused with a sentence
//! a teacher can act on, never a panic.
//!
//! The link lengths for the docs: `cargo test --test setup_link -- --ignored --nocapture`.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use proptest::prelude::*;

use sift::client::setup_link::{LinkData, LinkError, SetupLink, FRAGMENT_PREFIX};
use sift::client::train_form::TrainForm;
use sift::engine::ingest::IngestOptions;
use sift::engine::learn::{Algorithm, Task};
use sift::engine::recipe::{ImputeStrategy, Recipe, RecipeStep, Step};

/// A teacher's setup of the wine sample: three steps, a target, an algorithm and two edited
/// hyperparameters.
fn wine_setup() -> SetupLink {
    let mut recipe = Recipe::default();
    recipe.steps.push(RecipeStep::new(Step::drop_columns(vec!["proline".into()])));
    recipe.steps.push(RecipeStep::new(Step::impute(vec!["alcohol".into(), "ash".into()], ImputeStrategy::Median)));
    recipe.steps.push(RecipeStep::new(Step::standard_scale(vec!["magnesium".into(), "hue".into()])));
    SetupLink {
        data: LinkData::Sample { name: "wine".into() },
        read: IngestOptions::default(),
        recipe,
        train: TrainForm {
            target: Some("cultivar".into()),
            algorithm: Algorithm::Knn,
            task: Some(Task::Classification),
            seed: "7".into(),
            params: vec![(Algorithm::Knn, "k".into(), "9".into())],
            ..TrainForm::default()
        },
    }
}

/// The same recipe and choices for the user's own files, read with a semicolon.
fn own_files_setup() -> SetupLink {
    let read = IngestOptions { delimiter: Some(b';'), ..IngestOptions::default() };
    SetupLink { data: LinkData::Files { names: vec!["class marks.csv".into()] }, read, ..wine_setup() }
}

fn read(fragment: &str) -> Result<SetupLink, LinkError> {
    SetupLink::from_fragment(fragment).expect("a setup fragment")
}

#[test]
fn a_setup_comes_back_the_same() {
    for setup in [wine_setup(), own_files_setup(), SetupLink { recipe: Recipe::default(), ..wine_setup() }] {
        let fragment = setup.to_fragment();
        assert!(fragment.starts_with("#setup=1."), "{fragment}");
        let payload = &fragment["#setup=1.".len()..];
        assert!(payload.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'), "{fragment}");
        assert_eq!(read(&fragment), Ok(setup.clone()));
        assert_eq!(read(&fragment[1..]), Ok(setup), "the fragment without its #");
    }
}

#[test]
fn the_url_replaces_the_page_fragment() {
    let setup = wine_setup();
    let fragment = setup.to_fragment();
    assert_eq!(setup.to_url("https://school.example/sift/"), format!("https://school.example/sift/{fragment}"));
    assert_eq!(setup.to_url("file:///home/t/sift.html#setup=1.old"), format!("file:///home/t/sift.html{fragment}"));
}

#[test]
fn a_link_copied_by_hand_still_reads() {
    let fragment = wine_setup().to_fragment();
    let (head, tail) = fragment.split_at(40);
    assert_eq!(read(&format!("{head}\n  {tail}")), Ok(wine_setup()), "a line break from a mail");
    assert_eq!(read(&format!("{fragment}).")), Ok(wine_setup()), "punctuation a chat adds after it");
}

#[test]
fn other_fragments_are_not_setup_links() {
    for fragment in ["", "#", "#data", "#setup", "#Setup=1.abc", "#stage-train"] {
        assert_eq!(SetupLink::from_fragment(fragment), None, "{fragment}");
    }
}

#[test]
fn a_newer_link_says_so() {
    let fragment = wine_setup().to_fragment().replacen("#setup=1.", "#setup=2.", 1);
    let error = read(&fragment).unwrap_err();
    assert_eq!(error, LinkError::Newer { version: 2 });
    assert!(error.to_string().contains("newer version of Sift"), "{error}");
}

#[test]
fn a_cut_or_mistyped_link_is_damaged() {
    let fragment = wine_setup().to_fragment();
    let cut = read(&fragment[..fragment.len() - 5]).unwrap_err();
    assert!(matches!(cut, LinkError::Damaged { .. }), "{cut:?}");
    assert!(cut.to_string().contains("copy the whole link again"), "{cut}");
    assert!(matches!(read("#setup=1."), Err(LinkError::Damaged { .. })));
    assert!(matches!(read("#setup=abc"), Err(LinkError::Damaged { .. })));
    assert!(matches!(read("#setup=1.a+b/c"), Err(LinkError::Damaged { .. })));
}

/// A link that unpacks but says something this Sift cannot use is refused by what is wrong.
#[test]
fn a_link_with_wrong_contents_says_what_is_wrong() {
    let cases = [
        (r#"{"data":{"kind":"sample","name":"titanic"},"recipe":{"version":2,"steps":[]},"train":{}}"#, "titanic"),
        (r#"{"data":{"kind":"files","names":[]},"recipe":{"version":2,"steps":[]},"train":{}}"#, "names no file"),
        (r#"{"data":{"kind":"sample","name":"iris"},"recipe":{"version":9,"steps":[]},"train":{}}"#, "version 9"),
        (
            r#"{"data":{"kind":"sample","name":"iris"},"recipe":{"version":2,"steps":[]},"train":{"algorithm":"magic"}}"#,
            "train.algorithm",
        ),
        (r#"{"data":{"kind":"sample","name":"iris"},"recipe":{"version":2,"steps":[]},"train":{},"extra":1}"#, "extra"),
        (r#"[1,2"#, "at "),
    ];
    for (json, expected) in cases {
        let packed = miniz_oxide::deflate::compress_to_vec_zlib(json.as_bytes(), 6);
        let fragment = format!("{FRAGMENT_PREFIX}1.{}", URL_SAFE_NO_PAD.encode(packed));
        let error = read(&fragment).unwrap_err();
        assert!(matches!(error, LinkError::Invalid { .. }), "{json}: {error:?}");
        assert!(error.to_string().contains(expected), "{json}: {error}");
    }
}

/// A link that unpacks to more than a megabyte is refused before it fills the memory.
#[test]
fn a_link_that_unpacks_to_gigabytes_is_refused() {
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(&vec![b' '; 4 << 20], 10);
    let error = read(&format!("{FRAGMENT_PREFIX}1.{}", URL_SAFE_NO_PAD.encode(packed))).unwrap_err();
    assert!(matches!(error, LinkError::Damaged { .. }), "{error:?}");
}

#[test]
fn the_summary_names_the_sample_steps_and_algorithm() {
    assert_eq!(wine_setup().summary(), "Wine cultivars, 3 recipe steps, k-nearest neighbours");
    assert_eq!(own_files_setup().summary(), "class marks.csv, 3 recipe steps, k-nearest neighbours");
    let two = SetupLink { data: LinkData::Files { names: vec!["a.csv".into(), "b.csv".into()] }, ..own_files_setup() };
    assert_eq!(two.data_text(), "a.csv and b.csv");
}

proptest! {
    /// Any text after `#setup=`: a setup or a message, never a panic.
    #[test]
    fn random_text_never_panics(text in ".{0,200}") {
        let _ = SetupLink::from_fragment(&format!("#setup={text}"));
        let _ = SetupLink::from_fragment(&format!("#setup=1.{text}"));
    }

    /// Random payload bytes in the link alphabet: a setup or a message, never a panic.
    #[test]
    fn random_payloads_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = SetupLink::from_fragment(&format!("#setup=1.{}", URL_SAFE_NO_PAD.encode(&bytes)));
        let packed = miniz_oxide::deflate::compress_to_vec_zlib(&bytes, 6);
        let _ = SetupLink::from_fragment(&format!("#setup=1.{}", URL_SAFE_NO_PAD.encode(packed)));
    }

    /// A real link with one character changed: never a panic, and never read as another
    /// setup that is not the original (the checksum catches the change, or it is harmless).
    #[test]
    fn a_changed_character_is_caught(at in 9usize..400, with in "[A-Za-z0-9_-]") {
        let fragment = wine_setup().to_fragment();
        let at = at.min(fragment.len() - 1);
        let changed = format!("{}{with}{}", &fragment[..at], &fragment[at + 1..]);
        if let Ok(setup) = read(&changed) {
            prop_assert_eq!(setup, wine_setup());
        }
    }
}

/// Every truncation of a real link is refused as damaged (never read as a smaller setup).
#[test]
fn every_truncation_is_refused() {
    for setup in [wine_setup(), own_files_setup()] {
        let fragment = setup.to_fragment();
        for end in FRAGMENT_PREFIX.len()..fragment.len() {
            match SetupLink::from_fragment(&fragment[..end]) {
                Some(Err(LinkError::Damaged { .. })) => {}
                other => panic!("cut at {end}: {other:?}"),
            }
        }
    }
}

/// The lengths the docs give (docs/setup-links.md): the typical setup's JSON, and its fragment
/// with compression and without (the same JSON in base64url).
#[test]
#[ignore = "a measurement: prints the link lengths"]
fn link_lengths() {
    for (what, setup) in [("wine, 3 steps", wine_setup()), ("own file, 3 steps", own_files_setup())] {
        let fragment = setup.to_fragment();
        let packed = URL_SAFE_NO_PAD.decode(&fragment["#setup=1.".len()..]).unwrap();
        let json = miniz_oxide::inflate::decompress_to_vec_zlib(&packed).unwrap();
        let plain = "#setup=1.".len() + URL_SAFE_NO_PAD.encode(&json).len();
        println!("{}\n{fragment}", String::from_utf8_lossy(&json));
        println!("{what}: JSON {} bytes; fragment {} characters deflated, {plain} without", json.len(), fragment.len());
    }
}
