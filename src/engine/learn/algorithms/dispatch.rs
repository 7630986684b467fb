//! The one list of algorithms (in `mod.rs`) becomes the [`super::Algorithm`] enum, its
//! catalogue, and the [`super::Estimator`] enum of fitted models with the matches that pass
//! each call to the algorithm's own struct. Adding an algorithm is one file and one line in
//! that list.

use serde_json::Value;

/// A stored form read from the value of the model file's `"estimator"`, with the path of a
/// bad field in the message ("at estimator.knn_classifier.k: invalid type…").
pub fn read_stored<M: serde::de::DeserializeOwned>(estimator: Value) -> Result<M, String> {
    serde_path_to_error::deserialize(estimator).map_err(|e| format!("at estimator.{}: {}", e.path(), e.inner()))
}

/// The kind and the body of the model file's `"estimator": {"<kind>": {...}}`.
pub fn kind_and_body(estimator: &Value) -> Option<(&str, &Value)> {
    let object = estimator.as_object().filter(|o| o.len() == 1)?;
    object.iter().next().map(|(kind, body)| (kind.as_str(), body))
}

/// serde's words for an unknown kind: "unknown variant `x`, expected one of `a`, `b`".
pub fn unknown_kind(kind: &str, known: &[&str]) -> String {
    let quoted: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
    format!("at estimator: unknown variant `{kind}`, expected one of {}", quoted.join(", "))
}

/// Declares, from `Variant(file::Type)` pairs, each algorithm's file as a module, `Algorithm`,
/// its catalogue and `Estimator`. The JSON name of each algorithm is its variant in
/// snake_case (serde's `rename_all`; a test checks that [`super::About::name`] agrees).
macro_rules! algorithm_list {
    ($($variant:ident($file:ident::$name:ident)),+ $(,)?) => {
        $(mod $file;)+
        $crate::engine::learn::algorithms::dispatch::algorithm_list!(@items $($variant($file::$name)),+);
    };
    (@items $($variant:ident($ty:ty)),+) => {
        /// A learning algorithm. Some serve several tasks (a decision tree classifies and
        /// regresses).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Algorithm {
            $($variant),+
        }

        impl Algorithm {
            /// Every algorithm, in the order they are offered.
            pub const ALL: [Algorithm; [$(stringify!($variant)),+].len()] = [$(Algorithm::$variant),+];

            /// The algorithm's name, label, explanation and tasks.
            pub fn about(self) -> &'static $crate::engine::learn::algorithms::About {
                match self {
                    $(Algorithm::$variant => &<$ty as $crate::engine::learn::algorithms::AlgorithmKind>::ABOUT),+
                }
            }

            /// The hyperparameters of the algorithm when it learns `task`, in the order a form
            /// shows them.
            pub fn specs(self, task: $crate::engine::learn::algorithms::Task) -> Vec<$crate::engine::learn::hyper::ParamSpec> {
                match self {
                    $(Algorithm::$variant => <$ty as $crate::engine::learn::algorithms::AlgorithmKind>::specs(task)),+
                }
            }

            /// Whether, with `params`, the algorithm reads numbers in the file's own units, so
            /// that Sift must not rescale them.
            pub fn keeps_units(self, params: &$crate::engine::learn::hyper::Params) -> bool {
                match self {
                    $(Algorithm::$variant => <$ty as $crate::engine::learn::algorithms::AlgorithmKind>::keeps_units(params)),+
                }
            }

            /// What the rows must hold for this algorithm beyond the trainer's checks.
            pub(in crate::engine::learn) fn check_rows(
                self,
                params: &$crate::engine::learn::hyper::Params,
                x: &$crate::engine::learn::data::Features,
            ) -> Result<(), $crate::engine::learn::error::LearnError> {
                match self {
                    $(Algorithm::$variant => <$ty as $crate::engine::learn::algorithms::AlgorithmKind>::check_rows(params, x)),+
                }
            }

            /// The kinds of model file its fitted models are written under.
            fn stored_kinds(self) -> &'static [&'static str] {
                match self {
                    $(Algorithm::$variant => <<$ty as $crate::engine::learn::algorithms::AlgorithmKind>::Model
                        as $crate::engine::learn::algorithms::StoredModel>::KINDS),+
                }
            }
        }

        /// One fitted model, in the stored form of the algorithm that learned it. It writes
        /// itself as that form does (`{"<kind>": {...}}`), so model files read and write as
        /// they did when this was a hand-written enum of kinds.
        #[derive(Debug)]
        pub enum Estimator {
            $($variant(<$ty as $crate::engine::learn::algorithms::AlgorithmKind>::Model)),+
        }

        impl Estimator {
            /// Trains `algorithm` on checked inputs with resolved `params`.
            pub(in crate::engine::learn) fn fit_algorithm(
                algorithm: Algorithm,
                params: &$crate::engine::learn::hyper::Params,
                seed: u64,
                x: &$crate::engine::learn::data::Features,
                y: &$crate::engine::learn::data::Target,
                progress: &mut $crate::engine::base::progress::Progress,
            ) -> Result<Estimator, $crate::engine::learn::error::LearnError> {
                match algorithm {
                    $(Algorithm::$variant => <$ty as $crate::engine::learn::algorithms::AlgorithmKind>::fit(params, seed, x, y, progress)
                        .map(Estimator::$variant)),+
                }
            }

            /// Finds clusters with `algorithm`; the model and each row's cluster (-1 for noise).
            pub(in crate::engine::learn) fn find_clusters(
                algorithm: Algorithm,
                params: &$crate::engine::learn::hyper::Params,
                seed: u64,
                x: &$crate::engine::learn::data::Features,
            ) -> Result<(Estimator, Vec<i32>), $crate::engine::learn::error::LearnError> {
                match algorithm {
                    $(Algorithm::$variant => <$ty as $crate::engine::learn::algorithms::AlgorithmKind>::find_clusters(params, seed, x)
                        .map(|(model, labels)| (Estimator::$variant(model), labels))),+
                }
            }

            /// The algorithm that learned the model.
            pub(in crate::engine::learn) fn algorithm(&self) -> Algorithm {
                match self {
                    $(Estimator::$variant(_) => Algorithm::$variant),+
                }
            }

            /// The model seen through what it predicts.
            pub(in crate::engine::learn) fn fitted(&self) -> $crate::engine::learn::estimators::Fitted<'_> {
                match self {
                    $(Estimator::$variant(m) => $crate::engine::learn::algorithms::StoredModel::fitted(m)),+
                }
            }

            /// The model's predictions as SQL over its input features (see [`super::StoredModel::sql`]).
            pub(in crate::engine::learn) fn sql(
                &self,
                inputs: &$crate::engine::learn::sql::SqlInputs,
            ) -> Result<$crate::engine::base::sql::ModelSql, String> {
                match self {
                    $(Estimator::$variant(m) => $crate::engine::learn::algorithms::StoredModel::sql(m, inputs)),+
                }
            }

            /// The model's predictions as ONNX nodes over its inputs (see [`super::StoredModel::onnx`]).
            pub(in crate::engine::learn) fn onnx(
                &self,
                inputs: &mut $crate::engine::learn::onnx::OnnxInputs,
            ) -> Result<$crate::engine::base::onnx::ModelOnnx, String> {
                match self {
                    $(Estimator::$variant(m) => $crate::engine::learn::algorithms::StoredModel::onnx(m, inputs)),+
                }
            }

            /// Checks the parts stored in our own form against the model's sizes.
            pub(in crate::engine::learn) fn check(&self, n_features: usize, n_classes: usize) -> Result<(), String> {
                match self {
                    $(Estimator::$variant(m) => $crate::engine::learn::algorithms::StoredModel::check(m, n_features, n_classes)),+
                }
            }

            /// Reads the value of a model file's `"estimator"`: its kind names the stored form;
            /// a kind several algorithms share is read by the one the body's `"algorithm"` names.
            pub(in crate::engine::learn) fn read(estimator: serde_json::Value) -> Result<Estimator, String> {
                let Some((kind, body)) = $crate::engine::learn::algorithms::dispatch::kind_and_body(&estimator) else {
                    return Err("the model's \"estimator\" must name exactly one kind of model".into());
                };
                let owners: Vec<Algorithm> = Algorithm::ALL.into_iter().filter(|a| a.stored_kinds().contains(&kind)).collect();
                let named = body.get("algorithm").and_then(serde_json::Value::as_str);
                let owner = owners.iter().copied().find(|a| Some(a.name()) == named).or(owners.first().copied());
                match owner {
                    $(Some(Algorithm::$variant) => $crate::engine::learn::algorithms::dispatch::read_stored(estimator).map(Estimator::$variant),)+
                    None => {
                        let mut known: Vec<&str> = Vec::new();
                        for k in Algorithm::ALL.into_iter().flat_map(|a| a.stored_kinds().iter().copied()) {
                            if !known.contains(&k) {
                                known.push(k);
                            }
                        }
                        Err($crate::engine::learn::algorithms::dispatch::unknown_kind(kind, &known))
                    }
                }
            }
        }

        impl Algorithm {
            /// The algorithm as the scikit-learn estimator `sift python`'s script fits, or why
            /// it has none (see [`super::AlgorithmKind::python`]).
            pub fn python(
                self,
                params: &$crate::engine::learn::hyper::Params,
                task: $crate::engine::learn::algorithms::Task,
                seed: u64,
            ) -> Result<$crate::engine::learn::python::PythonModel, String> {
                match self {
                    $(Algorithm::$variant => <$ty as $crate::engine::learn::algorithms::AlgorithmKind>::python(params, task, seed)),+
                }
            }
        }

        impl serde::Serialize for Estimator {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    $(Estimator::$variant(m) => m.serialize(serializer)),+
                }
            }
        }
    };
}

pub(crate) use algorithm_list;
