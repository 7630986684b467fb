//! The recipe: an ordered list of preparation steps, fitted on training rows, applied anywhere.
//!
//! [`Recipe::fit`] learns each enabled step's parameters (means, categories, fences, bins)
//! from the rows it is given and returns a [`FittedRecipe`]. [`FittedRecipe::apply`] replays
//! every step on any table (training rows, test rows, the cleaned CSV);
//! [`FittedRecipe::apply_for_prediction`] skips the steps that remove rows, so a prediction
//! gets one output per input row. [`Recipe::fit_transform`] returns the training rows as
//! fitting left them (target encoding gives them out-of-fold values).
//!
//! Each kind of step is a struct in its family's file implementing [`StepKind`]; the list
//! below turns them into the [`Step`] and [`FittedStep`] enums (`"kind": "snake_case"` in
//! JSON) and the [`catalogue`] the UI draws its forms from ([`StepInfo`], [`Param`]).

mod column_list;
mod columns;
mod dispatch;
mod document;
mod eigen;
mod encode;
mod features;
mod finite;
mod fitted;
mod impute;
mod missing_columns;
pub mod onnx;
mod outliers;
mod param_checks;
mod prefix_cache;
mod preview;
pub mod python;
mod rows;
mod scale;
mod schema;
pub mod sql;
mod step;
mod step_api;
mod text;
mod values;

pub use columns::{ChangeType, DropColumns, DuplicateColumn, KeepColumns, KeptColumns, RenameColumn};
pub use document::{step_error, Recipe, RecipeStep, READABLE_RECIPE_VERSIONS, RECIPE_VERSION};
pub use encode::{
    Encoding, Frequencies, FrequencyEncode, FrequencyFitted, OneHot, OneHotFitted, OrdinalEncode, OrdinalFitted,
    OrdinalOrder, TargetEncode, TargetEncodeFitted, TargetEncoding,
};
pub use features::{
    BinMethod, Bins, BinsFitted, Compute, DatePart, DateParts, DropCorrelated, Operation, Pca, PcaFitted, Polynomial,
    TextLength, TextMeasure,
};
pub use fitted::{ApplyMode, FittedRecipe};
pub use impute::{Fill, Impute, ImputeFitted, ImputeStrategy};
pub use outliers::{ClipFitted, ClipOutliers, DropFitted, DropOutliers, Fence, FenceMethod, FenceRule};
pub use prefix_cache::{ColumnsAtSteps, PrefixCache, StepColumn, CACHE_CELLS};
pub use preview::{preview, preview_step, ColumnChange, ColumnStats, StepPreview, PREVIEW_ROWS};
pub use rows::{
    Comparison, DropDuplicates, DropMissing, FilterAction, FilterCategory, FilterNumber, FilterText, FittedSample,
    MissingRule, SampleMethod, SampleRows,
};
pub use scale::{Log1p, MinMaxScale, RobustScale, Scale, ScaleFitted, StandardScale, YeoJohnson, YeoJohnsonFitted};
pub use schema::{Choice, Family, Param, ParamKind, StepInfo};
pub use step::{FitContext, FittedKind, StepKind};
pub use text::{
    distinct_values, propose_spelling_groups, ChangeCase, ClusterSpellings, FindReplace, GroupRare, GroupRareFitted,
    KeptValues, LetterCase, Merge, MergeCategories, RareRule, SpellingGroup, SpellingKey, TrimWhitespace, ValueCount,
};

dispatch::step_kinds! {
    // Columns
    DropColumns(columns::DropColumns),
    KeepColumns(columns::KeepColumns),
    RenameColumn(columns::RenameColumn),
    ChangeType(columns::ChangeType),
    DuplicateColumn(columns::DuplicateColumn),
    // Rows
    DropDuplicates(rows::DropDuplicates),
    DropMissing(rows::DropMissing),
    FilterNumber(rows::FilterNumber),
    FilterCategory(rows::FilterCategory),
    FilterText(rows::FilterText),
    SampleRows(rows::SampleRows),
    // Text and categories
    TrimWhitespace(text::TrimWhitespace),
    ChangeCase(text::ChangeCase),
    FindReplace(text::FindReplace),
    MergeCategories(text::MergeCategories),
    ClusterSpellings(text::ClusterSpellings),
    GroupRare(text::GroupRare),
    // Missing values
    Impute(impute::Impute),
    // Outliers
    ClipOutliers(outliers::ClipOutliers),
    DropOutliers(outliers::DropOutliers),
    // Encoding
    OneHot(encode::OneHot),
    OrdinalEncode(encode::OrdinalEncode),
    FrequencyEncode(encode::FrequencyEncode),
    TargetEncode(encode::TargetEncode),
    // Scaling and transforms
    StandardScale(scale::StandardScale),
    MinMaxScale(scale::MinMaxScale),
    RobustScale(scale::RobustScale),
    Log1p(scale::Log1p),
    YeoJohnson(scale::YeoJohnson),
    // Features
    Bins(features::Bins),
    DateParts(features::DateParts),
    Compute(features::Compute),
    TextLength(features::TextLength),
    Polynomial(features::Polynomial),
    Pca(features::Pca),
    DropCorrelated(features::DropCorrelated),
}

impl Step {
    /// Drops `columns`.
    pub fn drop_columns(columns: Vec<String>) -> Step {
        Step::DropColumns(DropColumns { columns })
    }

    /// Imputes `columns` with `strategy` (no indicator).
    pub fn impute(columns: Vec<String>, strategy: ImputeStrategy) -> Step {
        Step::Impute(Impute::new(columns, strategy))
    }

    /// One-hot encodes `columns` with every category.
    pub fn one_hot(columns: Vec<String>) -> Step {
        Step::OneHot(OneHot::new(columns))
    }

    /// Standard-scales `columns`.
    pub fn standard_scale(columns: Vec<String>) -> Step {
        Step::StandardScale(StandardScale { columns })
    }
}
