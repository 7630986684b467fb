//! docs/models.md documents every algorithm and every hyperparameter of the catalogue.
//! `cargo test --test learn_docs -- --nocapture` prints the hyperparameter tables.

use sift::engine::learn::{specs, Algorithm, ParamKind, Task};

#[test]
fn the_model_docs_cover_the_catalogue() {
    let docs = std::fs::read_to_string("docs/models.md").unwrap_or_default();
    let mut missing = Vec::new();
    for algorithm in Algorithm::ALL {
        let heading = format!("### {} (`{}`)", algorithm.label(), algorithm.name());
        if !docs.contains(&heading) {
            missing.push(heading.clone());
        }
        println!("\n{heading}\n\n{}\n", algorithm.help());
        let tasks: Vec<Task> = Task::ALL.into_iter().filter(|&t| algorithm.supports(t)).collect();
        if tasks.iter().all(|&t| specs(algorithm, t).is_empty()) {
            println!("No hyperparameters.");
        } else {
            println!("| task | parameter | default | accepts | what it does |\n|---|---|---|---|---|");
        }
        for task in tasks {
            for s in specs(algorithm, task) {
                let accepts = match &s.kind {
                    ParamKind::Integer { min, max } => format!("whole number {min}–{max}"),
                    ParamKind::Number { min, max, min_exclusive } => {
                        format!("number {}{min}–{max}", if *min_exclusive { ">" } else { "" })
                    }
                    ParamKind::Choice { choices } => choices.join(", "),
                };
                let accepts = match &s.empty_means {
                    Some(meaning) => format!("{accepts}, or none ({meaning})"),
                    None => accepts,
                };
                let row = format!("| {} | `{}` | {} | {accepts} | {} |", task.name(), s.name, s.default, s.help);
                println!("{row}");
                if !docs.contains(&row) {
                    missing.push(row);
                }
            }
        }
    }
    assert!(missing.is_empty(), "docs/models.md lacks or differs on: {missing:#?}");
}
