//! The command line, checked: each command names the options it takes, so a misspelled
//! option (`--algoritm`) is refused with the closest known one rather than silently ignored.

use sift::engine::base::table::names::closest;

/// One command: its name, its usage line and the options it accepts.
pub struct Command {
    pub name: &'static str,
    pub usage: &'static str,
    /// Options that take a value (`--target COL`, `-o OUT`).
    pub options: &'static [&'static str],
    /// Options that take no value (`--json`).
    pub flags: &'static [&'static str],
}

/// Every command, in the order `sift help` lists them.
pub const COMMANDS: &[Command] = &[
    Command { name: "profile", usage: "sift profile FILE [--json] [--quotes-as-text]", options: &[], flags: &["json", "quotes-as-text"] },
    Command {
        name: "train",
        usage: "sift train FILE [--target COL] [--algorithm NAME] [--task classification|regression|clustering] [--param NAME=VALUE ...] [--recipe RECIPE.json] [--group COL] [--cv K] [--test-share F] [--seed N] [--quotes-as-text] [-o MODEL.json]",
        options: &["target", "algorithm", "task", "param", "recipe", "group", "cv", "test-share", "seed", "o"],
        flags: &["quotes-as-text"],
    },
    Command {
        name: "predict",
        usage: "sift predict MODEL.json FILE [--part-size BYTES] -o OUT.csv",
        options: &["o", "part-size"],
        flags: &["quotes-as-text"],
    },
    Command {
        name: "clean",
        usage: "sift clean FILE [--recipe RECIPE.json] [--fit DATA.csv] [--target COL] [--seed N] [--part-size BYTES] -o OUT.csv",
        options: &["recipe", "fit", "target", "seed", "o", "part-size"],
        flags: &["quotes-as-text"],
    },
    Command {
        name: "sql",
        usage: "sift sql MODEL.json [--dialect duckdb|spark] [--table NAME]  |  sift sql --recipe RECIPE.json --fit DATA.csv [--target COL] [--seed N] [--dialect duckdb|spark] [--table NAME] [--quotes-as-text]",
        options: &["dialect", "table", "recipe", "fit", "target", "seed"],
        flags: &["quotes-as-text"],
    },
    Command {
        name: "onnx",
        usage: "sift onnx MODEL.json -o model.onnx  |  sift onnx --recipe RECIPE.json --fit DATA.csv [--target COL] [--seed N] [--quotes-as-text] -o recipe.onnx",
        options: &["recipe", "fit", "target", "seed", "o"],
        flags: &["quotes-as-text"],
    },
    Command { name: "python", usage: "sift python MODEL.json [-o pipeline.py]", options: &["o"], flags: &[] },
];

/// The whole usage text, one line a command.
pub fn usage() -> String {
    let lines: Vec<String> = COMMANDS.iter().map(|c| format!("  {}", c.usage)).collect();
    format!("usage:\n{}\n", lines.join("\n"))
}

/// Finds a command by name, or says which exist.
pub fn command(name: &str) -> Result<&'static Command, String> {
    COMMANDS.iter().find(|c| c.name == name).ok_or_else(|| {
        let names: Vec<&str> = COMMANDS.iter().map(|c| c.name).collect();
        format!("unknown command '{name}'; use one of: {} (or `sift help`)", names.join(", "))
    })
}

/// `--name` for long options, `-o` for one-letter ones.
fn dashed(name: &str) -> String {
    if name.chars().count() == 1 {
        format!("-{name}")
    } else {
        format!("--{name}")
    }
}

/// Parsed arguments of one command: positionals and `--name value` / `-o value` options.
pub struct Args {
    command: &'static Command,
    positional: Vec<String>,
    options: Vec<(String, Option<String>)>,
}

impl Args {
    /// Parses the arguments after the command name, refusing options the command does not take.
    pub fn parse(command: &'static Command, args: &[String]) -> Result<Args, String> {
        let mut positional = Vec::new();
        let mut options = Vec::new();
        let mut iter = args.iter();
        while let Some(arg) = iter.next() {
            let Some(name) =
                arg.strip_prefix("--").or_else(|| arg.strip_prefix('-').filter(|n| n.chars().count() == 1))
            else {
                positional.push(arg.clone());
                continue;
            };
            let (name, inline) = match name.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (name, None),
            };
            if command.flags.contains(&name) {
                if inline.is_some() {
                    return Err(format!("option {} takes no value", dashed(name)));
                }
                options.push((name.to_string(), None));
            } else if command.options.contains(&name) {
                let value = match inline {
                    Some(v) => v,
                    None => iter.next().cloned().ok_or_else(|| format!("option {} needs a value", dashed(name)))?,
                };
                options.push((name.to_string(), Some(value)));
            } else {
                return Err(unknown_option(command, name));
            }
        }
        Ok(Args { command, positional, options })
    }

    /// The `i`th positional argument, called `what` in messages.
    pub fn positional(&self, i: usize, what: &str) -> Result<&str, String> {
        self.positional
            .get(i)
            .map(String::as_str)
            .ok_or_else(|| format!("missing {what}; usage: {}", self.command.usage))
    }

    /// Refuses positionals beyond the first `count` (a file name given twice, a stray word).
    pub fn at_most(&self, count: usize) -> Result<(), String> {
        match self.positional.get(count) {
            Some(extra) => Err(format!("unexpected argument '{extra}'; usage: {}", self.command.usage)),
            None => Ok(()),
        }
    }

    /// Whether the flag `name` was given.
    pub fn flag(&self, name: &str) -> bool {
        self.options.iter().any(|(n, _)| n == name)
    }

    /// The last value given for `name`.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.options.iter().rev().find(|(n, _)| n == name).and_then(|(_, v)| v.as_deref())
    }

    /// Every value given for a repeatable option, in order.
    pub fn values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.options.iter().filter(move |(n, _)| n == name).filter_map(|(_, v)| v.as_deref())
    }

    /// The value of an option the command cannot do without.
    pub fn required(&self, name: &str) -> Result<&str, String> {
        self.value(name).ok_or_else(|| format!("missing {}; usage: {}", dashed(name), self.command.usage))
    }

    /// A number option, `default` when absent.
    pub fn number(&self, name: &str, default: f64) -> Result<f64, String> {
        match self.value(name) {
            None => Ok(default),
            Some(v) => match v.trim().parse::<f64>() {
                Ok(x) if x.is_finite() => Ok(x),
                _ => Err(format!("{} must be a number, not '{v}'", dashed(name))),
            },
        }
    }

    /// A whole-number option from 0 up (a seed, a fold count), `default` when absent. A sign,
    /// a fraction or text is refused rather than rounded.
    pub fn whole(&self, name: &str, default: u64) -> Result<u64, String> {
        match self.value(name) {
            None => Ok(default),
            Some(v) => v
                .trim()
                .parse::<u64>()
                .map_err(|_| format!("{} must be a whole number from 0 to {}, not '{v}'", dashed(name), u64::MAX)),
        }
    }
}

/// "unknown option --algoritm for sift train; did you mean --algorithm?"
fn unknown_option(command: &Command, name: &str) -> String {
    let known: Vec<&str> = command.options.iter().chain(command.flags).copied().collect();
    match closest(name, &known) {
        Some(k) => format!("unknown option {} for sift {}; did you mean {}?", dashed(name), command.name, dashed(k)),
        None => format!("unknown option {} for sift {}; usage: {}", dashed(name), command.name, command.usage),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(command: &str, args: &[&str]) -> Result<Args, String> {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        Args::parse(super::command(command).unwrap(), &args)
    }

    #[test]
    fn a_misspelled_option_names_the_closest() {
        let err = parse("train", &["f.csv", "--algoritm", "x"]).err().unwrap();
        assert_eq!(err, "unknown option --algoritm for sift train; did you mean --algorithm?");
    }

    #[test]
    fn a_short_option_without_a_value_is_named_with_one_dash() {
        assert_eq!(parse("predict", &["m.json", "f.csv", "-o"]).err().unwrap(), "option -o needs a value");
    }

    #[test]
    fn seeds_are_whole_numbers() {
        for bad in ["-1", "nan", "1.9", "1e3", ""] {
            let args = parse("train", &["f.csv", "--seed", bad]).unwrap();
            assert!(args.whole("seed", 42).is_err(), "{bad}");
        }
        assert_eq!(
            parse("train", &["f.csv", "--seed", "18446744073709551615"]).unwrap().whole("seed", 42),
            Ok(u64::MAX)
        );
    }
}
