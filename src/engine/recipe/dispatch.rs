//! The one list of step kinds (in `mod.rs`) becomes the [`super::Step`] and
//! [`super::FittedStep`] enums, the catalogue, and the matches that pass each call to the
//! kind's own struct. Adding a kind is one file and one line in that list.

use super::schema::{snake_case, StepInfo};
use super::step::StepKind;

/// The description of kind `T`, named after its variant.
pub fn info_of<T: StepKind>(variant: &str) -> StepInfo {
    StepInfo { kind: snake_case(variant), removes_rows: T::REMOVES_ROWS, ..T::info() }
}

/// Declares `Step`, `FittedStep` and `catalogue` from `Variant(Type)` pairs. The JSON `kind`
/// of each is its variant in snake_case (serde's `rename_all` and [`info_of`] agree).
macro_rules! step_kinds {
    ($($variant:ident($ty:ty)),+ $(,)?) => {
        /// What a step does, with its parameters; `"kind"` names it in JSON.
        #[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
        #[serde(tag = "kind", rename_all = "snake_case")]
        pub enum Step {
            $($variant($ty)),+
        }

        /// A step with its learned parameters; `"kind"` names it in JSON.
        #[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
        #[serde(tag = "kind", rename_all = "snake_case")]
        pub enum FittedStep {
            $($variant(<$ty as $crate::engine::recipe::step::StepKind>::Fitted)),+
        }

        /// Every kind of step with its title, family, explanation and parameters, in the
        /// order the UI lists them.
        pub fn catalogue() -> Vec<$crate::engine::recipe::schema::StepInfo> {
            vec![$($crate::engine::recipe::dispatch::info_of::<$ty>(stringify!($variant))),+]
        }

        impl Step {
            /// The description of this step's kind.
            pub fn info(&self) -> $crate::engine::recipe::schema::StepInfo {
                match self {
                    $(Step::$variant(_) => $crate::engine::recipe::dispatch::info_of::<$ty>(stringify!($variant))),+
                }
            }

            fn kind_detail(&self) -> Option<String> {
                match self {
                    $(Step::$variant(s) => <$ty as $crate::engine::recipe::step::StepKind>::detail(s)),+
                }
            }

            fn kind_explain(&self) -> Option<String> {
                match self {
                    $(Step::$variant(s) => <$ty as $crate::engine::recipe::step::StepKind>::explain(s)),+
                }
            }

            fn kind_fit(
                &self,
                table: &$crate::engine::base::table::Table,
                context: &$crate::engine::recipe::step::FitContext,
            ) -> $crate::engine::base::error::Result<FittedStep> {
                match self {
                    $(Step::$variant(s) => <$ty as $crate::engine::recipe::step::StepKind>::fit(s, table, context)
                        .map(FittedStep::$variant)),+
                }
            }

            fn kind_fit_transform(
                &self,
                table: $crate::engine::base::table::Table,
                context: &$crate::engine::recipe::step::FitContext,
            ) -> $crate::engine::base::error::Result<(FittedStep, $crate::engine::base::table::Table)> {
                match self {
                    $(Step::$variant(s) => <$ty as $crate::engine::recipe::step::StepKind>::fit_transform(s, table, context)
                        .map(|(fitted, table)| (FittedStep::$variant(fitted), table))),+
                }
            }
        }

        impl FittedStep {
            /// Transforms `table` with the learned parameters.
            pub fn apply(&self, table: $crate::engine::base::table::Table) -> $crate::engine::base::error::Result<$crate::engine::base::table::Table> {
                match self {
                    $(FittedStep::$variant(f) => $crate::engine::recipe::step::FittedKind::apply(f, table)),+
                }
            }

            /// The step as SQL over the columns before it, or why it has none (see
            /// [`crate::engine::recipe::sql`]).
            pub fn sql(
                &self,
                before: &$crate::engine::recipe::sql::SqlFrame,
            ) -> std::result::Result<$crate::engine::recipe::sql::SqlStep, String> {
                match self {
                    $(FittedStep::$variant(f) => $crate::engine::recipe::step::FittedKind::sql(f, before)),+
                }
            }

            /// The step as ONNX nodes over the columns before it (the columns after it), or why
            /// it has none (see [`crate::engine::recipe::onnx`]).
            pub fn onnx(
                &self,
                graph: &mut $crate::engine::base::onnx::GraphBuilder,
                before: &$crate::engine::recipe::onnx::OnnxFrame,
            ) -> std::result::Result<Vec<$crate::engine::recipe::onnx::OnnxColumn>, String> {
                match self {
                    $(FittedStep::$variant(f) => $crate::engine::recipe::step::FittedKind::onnx(f, graph, before)),+
                }
            }

            /// Whether applying can remove rows (prediction skips such steps).
            pub fn removes_rows(&self) -> bool {
                match self {
                    $(FittedStep::$variant(_) => <$ty as $crate::engine::recipe::step::StepKind>::REMOVES_ROWS),+
                }
            }

            /// The description of this step's kind.
            pub fn info(&self) -> $crate::engine::recipe::schema::StepInfo {
                match self {
                    $(FittedStep::$variant(_) => $crate::engine::recipe::dispatch::info_of::<$ty>(stringify!($variant))),+
                }
            }
        }

        impl Step {
            /// The step as scikit-learn code that fits it again, or why it has none (see
            /// [`crate::engine::recipe::python`]).
            pub fn python(&self) -> std::result::Result<$crate::engine::recipe::python::PythonStep, String> {
                match self {
                    $(Step::$variant(s) => <$ty as $crate::engine::recipe::step::StepKind>::python(s)),+
                }
            }
        }
    };
}

pub(crate) use step_kinds;
