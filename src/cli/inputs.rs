//! Reading reports and rule files from disk.

use std::path::{Path, PathBuf};

use factlint::rules::{self, RuleSet, RuleSource};
use factlint::run::{Loader, Problem};

use super::Failure;
use factlint::source::{self, InputProblem, SourceFile};

/// The report files of a run, found from the paths given.
#[derive(Debug, Default)]
pub struct Expanded {
    /// Each file once, in the order given (folders sorted by path).
    pub files: Vec<PathBuf>,
    /// Folders that could not be read, link loops, files named twice,
    /// pipes and devices skipped: said once each.
    pub problems: Vec<Problem>,
}

/// Expands the paths given into a set of report files:
/// - a folder contributes its `.txt` files, recursively, sorted by path,
///   leaving out hidden files and what its `.gitignore`/`.ignore` files
///   exclude; links are followed, a loop once;
/// - a file named on the command line is read whatever its name;
/// - a path that does not exist but holds `*`, `?` or `[` is a glob
///   (`'corpus/**/*.txt'`), for shells that do not expand it;
/// - `exclude` holds gitignore patterns (`--exclude old/`), matched
///   against the paths as given;
/// - each file counts once, by canonical path (`x.txt ./x.txt`, a folder
///   and a file in it, a link to it): the repeats are said.
pub fn expand(paths: &[PathBuf], exclude: &[String]) -> Expanded {
    let mut out = Expanded::default();
    let excluded = exclusions(exclude);
    // One path given, a folder walked without meeting a link: its files
    // are distinct by construction, and no canonical path is needed.
    let mut found = Files {
        list: Vec::new(),
        keys: paths.len() > 1,
        linked: false,
    };
    for p in paths {
        if p == Path::new("-") {
            found.list.push((p.clone(), None));
        } else if p.is_dir() {
            walk(p, &excluded, &mut found, &mut out.problems);
        } else if !p.exists() && is_glob(p) {
            glob(p, &excluded, &mut found, &mut out.problems);
        } else {
            found.list.push((p.clone(), None));
        }
    }
    if !found.keys && !found.linked {
        // Made anew, as big as it holds: collected in place, the list
        // would keep the room of the pairs it was made from for the run.
        out.files = Vec::with_capacity(found.list.len());
        out.files.extend(found.list.into_iter().map(|(p, _)| p));
        return out;
    }
    // Each file by its canonical path, with where it is in `out.files`.
    let mut seen: std::collections::HashMap<PathBuf, usize> = std::collections::HashMap::new();
    out.files.reserve_exact(found.list.len());
    for (p, key) in found.list {
        let key = key.unwrap_or_else(|| std::fs::canonicalize(&p).unwrap_or_else(|_| p.clone()));
        match seen.get(&key).and_then(|&k| out.files.get(k)) {
            Some(first) => out.problems.push(Problem {
                report: p.display().to_string(),
                problem: InputProblem::Duplicate {
                    first: first.display().to_string(),
                },
                text: None,
            }),
            None => {
                seen.insert(key, out.files.len());
                out.files.push(p);
            }
        }
    }
    out
}

/// A file found, with its canonical path when the walk already knows it
/// (a file that is no link, in a folder the walk canonicalised): a
/// `realpath` per file costs a `readlink` per component of its path.
type Found = (PathBuf, Option<PathBuf>);

/// The files found so far.
struct Files {
    list: Vec<Found>,
    /// Whether to give each file its canonical path when the walk knows it.
    keys: bool,
    /// A walk met a link (to a folder or a file).
    linked: bool,
}

fn exclusions(patterns: &[String]) -> ignore::gitignore::Gitignore {
    let mut b = ignore::gitignore::GitignoreBuilder::new(".");
    for p in patterns {
        // A pattern that does not compile excludes nothing; clap has
        // already refused empty ones.
        let _ = b.add_line(None, p);
    }
    b.build()
        .unwrap_or_else(|_| ignore::gitignore::Gitignore::empty())
}

/// Is `path` (as given) excluded? Patterns are matched against the path
/// made relative: a leading `/`, `./` or `../` is dropped.
fn is_excluded(excluded: &ignore::gitignore::Gitignore, path: &Path, is_dir: bool) -> bool {
    if excluded.is_empty() {
        return false;
    }
    let rel: PathBuf = path
        .components()
        .filter(|c| matches!(c, std::path::Component::Normal(_)))
        .collect();
    !rel.as_os_str().is_empty()
        && excluded
            .matched_path_or_any_parents(&rel, is_dir)
            .is_ignore()
}

fn problem(path: &Path, problem: InputProblem) -> Problem {
    Problem {
        report: path.display().to_string(),
        problem,
        text: None,
    }
}

/// What an error of the walk means for the run.
fn walk_problem(e: &ignore::Error, dir: &Path) -> Problem {
    fn inner(e: &ignore::Error) -> (&ignore::Error, Option<&Path>) {
        match e {
            ignore::Error::WithPath { path, err } => (inner(err).0, Some(path.as_path())),
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                inner(err)
            }
            other => (other, None),
        }
    }
    let (cause, at) = inner(e);
    let at = at.unwrap_or(dir);
    match cause {
        ignore::Error::Loop { ancestor, child } => problem(
            child,
            InputProblem::LinkLoop {
                target: ancestor.display().to_string(),
            },
        ),
        other => problem(
            at,
            InputProblem::FolderUnreadable {
                reason: match other.io_error() {
                    Some(io) => io.to_string(),
                    None => other.to_string(),
                },
            },
        ),
    }
}

fn walk(
    dir: &Path,
    excluded: &ignore::gitignore::Gitignore,
    out: &mut Files,
    problems: &mut Vec<Problem>,
) {
    walk_matching(dir, excluded, out, problems, &|p| {
        p.extension().is_some_and(|x| x == "txt")
    });
}

fn walk_matching(
    dir: &Path,
    excluded: &ignore::gitignore::Gitignore,
    out: &mut Files,
    problems: &mut Vec<Problem>,
    wanted: &dyn Fn(&Path) -> bool,
) {
    if is_excluded(excluded, dir, true) {
        return;
    }
    // Folders reached twice through links (siblings, not ancestors, which
    // the walk already detects) are walked once: no exponential walk.
    // Each folder's canonical path is also kept by the path the walk gives
    // it, for the files in it.
    type Folders = (
        std::collections::HashSet<PathBuf>,
        std::collections::HashMap<PathBuf, PathBuf>,
    );
    let folders = std::sync::Arc::new(std::sync::Mutex::new(Folders::default()));
    if let (Ok(c), Ok(mut f)) = (std::fs::canonicalize(dir), folders.lock()) {
        f.1.insert(dir.to_path_buf(), c);
    }
    let seen = std::sync::Arc::clone(&folders);
    let mut found = Vec::new();
    let walker = ignore::WalkBuilder::new(dir)
        .follow_links(true)
        .hidden(true)
        .parents(true)
        .ignore(true)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(false)
        .require_git(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry(move |e| {
            if !e.file_type().is_some_and(|t| t.is_dir()) {
                return true;
            }
            let Ok(c) = std::fs::canonicalize(e.path()) else {
                return true;
            };
            seen.lock()
                .map(|mut s| {
                    let new = s.0.insert(c.clone());
                    if new {
                        s.1.insert(e.path().to_path_buf(), c);
                    }
                    new
                })
                .unwrap_or(true)
        })
        .build();
    for r in walker {
        let entry = match r {
            Ok(e) => e,
            Err(e) => {
                problems.push(walk_problem(&e, dir));
                continue;
            }
        };
        if entry.depth() == 0 {
            continue;
        }
        out.linked |= entry.path_is_symlink();
        let path = entry.path();
        let Some(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() || !wanted(path) || is_excluded(excluded, path, false) {
            continue;
        }
        if kind.is_file() {
            let key = if entry.path_is_symlink() || !out.keys {
                None
            } else {
                let folders = folders.lock().ok();
                path.parent()
                    .zip(path.file_name())
                    .and_then(|(d, name)| Some(folders?.1.get(d)?.join(name)))
            };
            found.push((path.to_path_buf(), key));
        } else {
            problems.push(problem(path, InputProblem::NotRegular));
        }
    }
    found.sort();
    out.list.extend(found);
}

fn is_glob(p: &Path) -> bool {
    p.to_string_lossy().contains(['*', '?', '['])
}

/// Expands a glob the shell left as it is: the folders before its first
/// wildcard are walked, and files matching the whole pattern kept.
fn glob(
    pattern: &Path,
    excluded: &ignore::gitignore::Gitignore,
    out: &mut Files,
    problems: &mut Vec<Problem>,
) {
    let text = pattern.to_string_lossy();
    let Ok(glob) = globset::GlobBuilder::new(&text)
        .literal_separator(true)
        .build()
    else {
        // Not a valid glob: read as a path, which says it does not exist.
        out.list.push((pattern.to_path_buf(), None));
        return;
    };
    let matcher = glob.compile_matcher();
    let root: PathBuf = pattern
        .components()
        .take_while(|c| !is_glob(Path::new(c.as_os_str())))
        .collect();
    let root = if root.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        root
    };
    let before = out.list.len();
    let strip_dot = root == Path::new(".") && !text.starts_with("./");
    walk_matching(&root, excluded, out, problems, &|p| {
        let p = if strip_dot {
            p.strip_prefix(".").unwrap_or(p)
        } else {
            p
        };
        matcher.is_match(p)
    });
    if strip_dot {
        for (p, _) in out.list.iter_mut().skip(before) {
            if let Ok(s) = p.strip_prefix(".") {
                *p = s.to_path_buf();
            }
        }
    }
}

/// Says each problem on standard error; true when one makes the run
/// untrusted.
pub fn tell(problems: &[Problem]) -> bool {
    for p in problems {
        super::say(&render_problem(p));
    }
    problems.iter().any(|p| p.problem.is_fatal())
}

/// Prints a report that could not be read.
pub fn render_problem(p: &Problem) -> String {
    let mut s = format!(
        "{}[{}]: {}: {}\n",
        if p.problem.is_fatal() {
            "error"
        } else {
            "warning"
        },
        p.problem.code(),
        p.report,
        p.problem
    );
    if let (InputProblem::FrontMatter { span, .. }, Some(text)) = (&p.problem, &p.text) {
        let idx = factlint::span::LineIndex::new(text);
        let pos = idx.position(text, span.start);
        s.push_str(&format!("  --> {}:{}:{}\n", p.report, pos.line, pos.column));
    }
    s.push_str(&format!("  help: {}\n", p.problem.help()));
    s
}

/// The working folder, canonical: found once per run (factlint never
/// changes it), not once per report (a `readlink` per component of it).
fn working_folder() -> Option<&'static Path> {
    static CWD: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
    CWD.get_or_init(|| {
        let cwd = std::env::current_dir().ok()?;
        Some(std::fs::canonicalize(&cwd).unwrap_or(cwd))
    })
    .as_deref()
}

/// The name a report goes by in outputs and baselines: its path from
/// `base` (the repository root), with `/` separators, whatever folder
/// factlint runs from and however the path was spelt (`./corpus`,
/// `corpus`, a linked folder). A report outside the root is reached with
/// `../` steps from it. Without a base (`claims`, `test`), the path as
/// given.
pub fn report_name(path: &Path, base: Option<&Path>) -> String {
    let Some(base) = base else {
        return path.display().to_string();
    };
    // The path is made absolute and `.`/`..` are taken lexically (from the
    // working folder, which is canonical): a linked folder keeps the name
    // it was reached by, as the user sees it.
    let Some(cwd) = working_folder() else {
        return path.display().to_string();
    };
    let abs = factlint::output::resolve(cwd, path);
    let ours: Vec<_> = abs.components().collect();
    let root: Vec<_> = base.components().collect();
    let common = ours.iter().zip(&root).take_while(|(a, b)| a == b).count();
    // Sharing only `/` with the root: the absolute path reads better than
    // a climb of `../` to the top.
    if common <= 1 {
        use unicode_normalization::UnicodeNormalization;
        return abs.display().to_string().nfc().collect();
    }
    let mut parts: Vec<String> = vec!["..".to_string(); root.len().saturating_sub(common)];
    parts.extend(
        ours.iter()
            .skip(common)
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    // One spelling of a name whatever the file system stores (NFC or NFD).
    use unicode_normalization::UnicodeNormalization;
    parts.join("/").nfc().collect()
}

/// Loads every report; problems are returned beside the readable ones.
pub fn load_reports(paths: &[PathBuf], size_limit: u64) -> (Vec<SourceFile>, Vec<Problem>) {
    let loader = DiskLoader::new(size_limit, None);
    let mut files = Vec::new();
    let found = expand(paths, &[]);
    let mut problems = found.problems;
    for path in found.files {
        match loader.load_path(&path) {
            Ok(f) => files.push(f),
            Err(p) => problems.push(p),
        }
    }
    (files, problems)
}

/// Loads and checks a rule file; errors are rendered for the user.
pub fn load_rules(path: &Path) -> Result<RuleSet, Failure> {
    let src: RuleSource = super::rules_cmd::read_rules(path)?;
    rules::load(&src).map_err(|errors| Failure::rules(path, errors))
}

/// Reads reports from disk: names relative to `base` (the folder of
/// factlint.toml) when there is one, files over `size_limit` refused.
pub struct DiskLoader {
    pub size_limit: u64,
    pub base: Option<PathBuf>,
    /// Standard input, once read (`-`).
    pub stdin: std::sync::OnceLock<Result<Vec<u8>, String>>,
    /// Reports a summary table keeps (`factlint combine`), by path: one
    /// no longer on disk as it was extracted (moved, edited, read from
    /// standard input, on another machine) is quoted from the table's
    /// lines instead.
    pub recorded: std::collections::HashMap<PathBuf, factlint::table::StoredReport>,
    /// Files longer than this are read window by window.
    pub stream_above: u64,
    /// The report files of the run, by number (the loader's inputs are
    /// these numbers). The path of a report its name leads back to is let
    /// go as soon as the report is read ([`Loader::done`]), and found
    /// again from the name to quote it ([`Loader::again`]): a million
    /// reports hold their names, not their paths besides.
    files: std::sync::Mutex<std::collections::HashMap<u32, Box<Path>>>,
}

/// The sizes reports are read by: the largest read, and the length over
/// which a report is read window by window.
#[derive(Debug, Clone, Copy)]
pub struct Sizes {
    pub limit: u64,
    pub stream_above: u64,
}

/// Reports longer than this (4 MiB) are read window by window: below it,
/// a report read whole costs no more memory than a few windows do.
pub const STREAM_ABOVE: u64 = 4 << 20;

impl DiskLoader {
    pub fn new(size_limit: u64, base: Option<PathBuf>) -> DiskLoader {
        DiskLoader {
            size_limit,
            base,
            stdin: std::sync::OnceLock::new(),
            recorded: std::collections::HashMap::new(),
            stream_above: STREAM_ABOVE,
            files: std::sync::Mutex::default(),
        }
    }

    /// Takes the report files of a run: the inputs to read them by are
    /// their numbers (a run reads far fewer than 4 billion files).
    pub fn take_files(&mut self, paths: Vec<PathBuf>) -> Vec<u32> {
        let files = self
            .files
            .get_mut()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        files.clear();
        files.reserve(paths.len());
        let mut numbers = Vec::with_capacity(paths.len());
        for (n, path) in (0..=u32::MAX).zip(paths) {
            files.insert(n, path.into_boxed_path());
            numbers.push(n);
        }
        numbers
    }

    fn files(&self) -> std::sync::MutexGuard<'_, std::collections::HashMap<u32, Box<Path>>> {
        self.files
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The path of file `n`, if it is held.
    pub fn path(&self, n: u32) -> Option<PathBuf> {
        self.files().get(&n).map(|p| p.to_path_buf())
    }

    /// Whether the path of file `n` is held.
    pub fn holds(&self, n: u32) -> bool {
        self.files().contains_key(&n)
    }

    /// The paths held (of the reports their names do not lead back to).
    pub fn held_paths(&self) -> Vec<PathBuf> {
        self.files().values().map(|p| p.to_path_buf()).collect()
    }

    /// Gives back the room of the paths let go, once the reports are read.
    pub fn settle(&self) {
        self.files().shrink_to_fit();
    }

    /// Reads one report from its path.
    pub fn load_path(&self, path: &Path) -> Result<SourceFile, Problem> {
        let name = self.name_of(path);
        let Some(rec) = self.recorded.get(path) else {
            return read_one(path, &name, self.size_limit, &self.stdin);
        };
        // A recorded report: the file if it is the one extracted, else the
        // table's lines (standard input is never read again).
        let on_disk = (path != Path::new("-"))
            .then(|| read_one(path, &name, self.size_limit, &self.stdin).ok())
            .flatten()
            .filter(|src| src.digest == rec.digest());
        Ok(on_disk.unwrap_or_else(|| rec.source(&name, true)))
    }

    /// The path of an input (one let go is found again from the report's
    /// name, through [`Loader::again`]).
    fn held(&self, n: u32) -> Result<PathBuf, Problem> {
        self.path(n)
            .ok_or_else(|| unreadable("?", format!("file {n} is not known")))
    }

    /// The name a report goes by.
    fn name_of(&self, path: &Path) -> Box<str> {
        if path == Path::new("-") {
            return Box::from(STDIN_NAME);
        }
        report_name(path, self.base.as_deref()).into_boxed_str()
    }

    /// The file a report's name leads to: the name taken from the base,
    /// or as it is without one.
    pub fn named_path(&self, name: &str) -> PathBuf {
        match &self.base {
            Some(base) => factlint::output::resolve(base, name),
            None => PathBuf::from(name),
        }
    }

    /// Whether the report read from `path` is the file its `name` leads
    /// to, whatever links the path goes through: the name, spelt from the
    /// base, leads to where the path does, and the path takes no `..`
    /// step (which the system takes after a link, not before it).
    fn leads_back(&self, path: &Path, name: &str) -> bool {
        if path == Path::new("-") || self.recorded.contains_key(path) {
            return false;
        }
        match &self.base {
            None => path.as_os_str() == std::ffi::OsStr::new(name),
            Some(_) => {
                let Some(cwd) = working_folder() else {
                    return false;
                };
                !path
                    .components()
                    .any(|c| c == std::path::Component::ParentDir)
                    && self.named_path(name) == factlint::output::resolve(cwd, path)
            }
        }
    }
}

impl Loader for DiskLoader {
    type Input = u32;

    fn load(&self, input: &u32) -> Result<SourceFile, Problem> {
        self.load_path(&self.held(*input)?)
    }

    fn open(&self, input: &u32) -> Result<factlint::run::Opening, Problem> {
        use factlint::run::Opening;
        let path = self.held(*input)?;
        let path = path.as_path();
        if path == Path::new("-") || self.recorded.contains_key(path) {
            return self.load(input).map(Opening::Whole);
        }
        let name = self.name_of(path);
        let (file, size, regular) = open_file(path, &name)?;
        if regular && size > self.stream_above && size <= self.size_limit {
            return Ok(Opening::Long(factlint::extract::stream::Opened {
                name,
                bytes: Box::new(file),
                size,
            }));
        }
        read_opened(file, size, path, &name, self.size_limit).map(Opening::Whole)
    }

    fn done(&self, input: &u32, src: &SourceFile) {
        let mut files = self.files();
        if files
            .get(input)
            .is_some_and(|path| self.leads_back(path, &src.name))
        {
            files.remove(input);
            // The room of the paths let go is given back as the reports
            // are read (each time a quarter of it is used: a copy of what
            // is left, the copies adding up to fewer entries than the run
            // has files).
            if files.len() < files.capacity() / 4 && files.capacity() > 4096 {
                let keep = files.len() * 2;
                files.shrink_to(keep);
            }
        }
    }

    fn again(&self, input: &u32, name: &str) {
        self.files()
            .entry(*input)
            .or_insert_with(|| self.named_path(name).into_boxed_path());
    }
}

/// The name standard input goes by (`-` on the command line).
pub const STDIN_NAME: &str = "<stdin>";

/// Reads at most `limit + 1` bytes: enough to tell a report over the
/// limit, whatever the file claims its size is (`/dev/zero`, a pipe).
/// `size` is what the file says it holds: the buffer is made that big at
/// once (bounded by the limit), so a report is not copied as it grows.
fn read_bounded(r: impl std::io::Read, limit: u64, size: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let capacity = usize::try_from(size.min(limit.saturating_add(1))).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    r.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn read_one(
    path: &Path,
    name: &str,
    size_limit: u64,
    stdin: &std::sync::OnceLock<Result<Vec<u8>, String>>,
) -> Result<SourceFile, Problem> {
    if path != Path::new("-") {
        let (file, size, _) = open_file(path, name)?;
        return read_opened(file, size, path, name, size_limit);
    }
    // Read once: the run reads a report again to quote it.
    let read = stdin
        .get_or_init(|| {
            read_bounded(std::io::stdin().lock(), size_limit, 0).map_err(|e| e.to_string())
        })
        .clone();
    let bytes = read.map_err(|reason| unreadable(name, reason))?;
    decode(bytes, path, name, size_limit)
}

fn unreadable(name: &str, reason: String) -> Problem {
    Problem {
        report: name.to_string(),
        problem: InputProblem::Unreadable { reason },
        text: None,
    }
}

/// Opens a report's file, with the size it says it has and whether it is
/// a regular file.
fn open_file(path: &Path, name: &str) -> Result<(std::fs::File, u64, bool), Problem> {
    std::fs::File::open(path)
        .map(|f| {
            let meta = f.metadata().ok();
            let size = meta.as_ref().map_or(0, std::fs::Metadata::len);
            (f, size, meta.is_some_and(|m| m.is_file()))
        })
        .map_err(|e| unreadable(name, e.to_string()))
}

/// Reads a report whole from its open file.
fn read_opened(
    file: std::fs::File,
    size: u64,
    path: &Path,
    name: &str,
    size_limit: u64,
) -> Result<SourceFile, Problem> {
    let bytes =
        read_bounded(file, size_limit, size).map_err(|e| unreadable(name, e.to_string()))?;
    decode(bytes, path, name, size_limit)
}

/// A report's bytes, decoded; refused over the size limit.
fn decode(bytes: Vec<u8>, path: &Path, name: &str, size_limit: u64) -> Result<SourceFile, Problem> {
    let problem = |problem: InputProblem, text: Option<String>| Problem {
        report: name.to_string(),
        problem,
        text,
    };
    if bytes.len() as u64 > size_limit {
        let size = std::fs::metadata(path)
            .map(|m| m.len())
            .ok()
            .filter(|&n| n > size_limit)
            .unwrap_or(bytes.len() as u64);
        return Err(problem(
            InputProblem::TooLarge {
                size,
                limit: size_limit,
            },
            None,
        ));
    }
    source::load_owned(name, bytes, size_limit).map_err(|p| {
        // The text is kept only where the message points into it.
        let text = matches!(p, InputProblem::FrontMatter { .. })
            .then(|| std::fs::read_to_string(path).ok())
            .flatten();
        problem(p, text)
    })
}

/// A progress bar for long runs (hidden when standard error is not a
/// terminal).
pub fn progress(files: usize) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    let bar = if files >= 200 && std::io::stderr().is_terminal() {
        indicatif::ProgressBar::new(files as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} reading reports {bar:30} {pos}/{len} {per_sec} {eta}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// A folder holding `r.txt`, by its canonical path.
    fn folder() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let base = std::fs::canonicalize(dir.path()).unwrap();
        std::fs::create_dir(base.join("sub")).unwrap();
        std::fs::write(base.join("r.txt"), "Moscow hosted the 13th meeting.\n").unwrap();
        (dir, base)
    }

    #[test]
    fn a_path_the_name_leads_back_to_is_let_go_and_read_again_from_the_name() {
        let (_dir, base) = folder();
        let mut loader = DiskLoader::new(1 << 20, Some(base.clone()));
        let files = loader.take_files(vec![base.join("r.txt")]);
        let src = loader.load(&files[0]).unwrap();
        assert_eq!(&*src.name, "r.txt");
        loader.done(&files[0], &src);
        loader.settle();
        assert_eq!(loader.path(0), None);
        assert!(loader.load(&files[0]).is_err());
        loader.again(&files[0], &src.name);
        let fresh = loader.load(&files[0]).unwrap();
        assert_eq!((&*fresh.name, fresh.digest), ("r.txt", src.digest));
    }

    /// What a run holds of each of a million reports, once read.
    #[cfg(target_pointer_width = "64")]
    #[test]
    fn a_report_costs_a_run_few_bytes() {
        assert_eq!(std::mem::size_of::<SourceFile>(), 48);
        assert_eq!(std::mem::size_of::<factlint::engine::Summary>(), 16);
    }

    #[test]
    fn a_path_with_a_step_back_is_kept() {
        // After a link, `..` leads where the system says, not the name.
        let (_dir, base) = folder();
        let mut loader = DiskLoader::new(1 << 20, Some(base.clone()));
        let path = base.join("sub/../r.txt");
        let files = loader.take_files(vec![path.clone()]);
        let src = loader.load(&files[0]).unwrap();
        assert_eq!(&*src.name, "r.txt");
        loader.done(&files[0], &src);
        assert_eq!(loader.path(0), Some(path.clone()));
        loader.again(&files[0], &src.name);
        assert_eq!(loader.path(0), Some(path));
    }

    #[test]
    fn without_a_base_the_name_is_the_path_and_standard_input_is_kept() {
        let (_dir, base) = folder();
        let mut loader = DiskLoader::new(1 << 20, None);
        let files = loader.take_files(vec![base.join("r.txt"), PathBuf::from("-")]);
        let src = loader.load(&files[0]).unwrap();
        loader.done(&files[0], &src);
        assert_eq!(loader.path(0), None);
        loader.again(&files[0], &src.name);
        assert_eq!(loader.path(0), Some(base.join("r.txt")));
        let mut named = src.clone();
        named.name = STDIN_NAME.into();
        loader.done(&files[1], &named);
        assert_eq!(loader.path(1), Some(PathBuf::from("-")));
    }
}
