"""Find, parse, validate and cross-check every content file.

`load_content(directories)` returns a `Content` model or raises `ContentError` listing every problem
in every file at once. Layout of each content directory:

    sources.yaml          the bibliography
    glossary.yaml         terms and their definitions (optional)
    diagnostic.yaml       the diagnostic's questions, cues and flags (optional)
    <anything>.yaml       one stage framework each
    guidance/<id>.yaml    one guidance topic each
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from itertools import pairwise
from pathlib import Path

from stage_diagnostic.bounds import TIMELINE_END, TIMELINE_START, cover_breaks
from stage_diagnostic.model import phrase_problem

from .citations import citation_problems, seed_problems
from .errors import UNREAD_FILE, ContentError, Problem, ProblemCode
from .model import (
    PHASES,
    Citation,
    Cited,
    Content,
    Diagnostic,
    Flag,
    Framework,
    GlossaryTerm,
    Guidance,
    Location,
    MoveBack,
    Option,
    Pointer,
    Question,
    Risk,
    Section,
    Source,
    SourceKind,
    Stage,
    StageMonths,
)
from .reader import Declaration, ReadContext, Reader, finite_number
from .yaml_source import LocatedDict, LocatedList, read_yaml

# Links readers follow: nothing but the web (no javascript:, data: or file: link on the page).
WEB_URL = re.compile(r"^https?://[^\s/]+")
SOURCES_FILE = "sources.yaml"
GLOSSARY_FILE = "glossary.yaml"
ADDED_UP = (SOURCES_FILE, GLOSSARY_FILE)
"""Files every folder's copy of which is read: a site adds sources and terms to the shipped ones."""
DIAGNOSTIC_FILE = "diagnostic.yaml"
GUIDANCE_DIR = "guidance"
# A seed is named by its file name alone: `validate --seeds DIR` looks for it in DIR.
SEED_NAME = re.compile(r"^[\w][\w.-]*$")


def content_files(directories: Iterable[Path]) -> list[Path]:
    """Every content file under the directories, in a stable order (also what `serve` watches).

    A file in a later directory replaces the file at the same path in an earlier one (a site's own
    `diagnostic.yaml` or `guidance/roles.yaml` over the shipped one), except the bibliography and
    the glossary: every `sources.yaml` and `glossary.yaml` is read, so a site adds sources and
    terms without repeating the shipped ones (a term of the same name replaces the shipped one).
    """
    return [path for _, path in files_in_folders(directories)]


def files_in_folders(directories: Iterable[Path]) -> list[tuple[Path, Path]]:
    """`content_files`, each with the folder it was found in (a file may not lead out of it)."""
    found: dict[str, tuple[Path, Path]] = {}
    for directory in directories:
        for pattern in ("*.yaml", "*.yml", f"{GUIDANCE_DIR}/*.yaml", f"{GUIDANCE_DIR}/*.yml"):
            for path in sorted(directory.glob(pattern)):
                relative = path.relative_to(directory).as_posix()
                found[str(path) if relative in ADDED_UP else relative] = (directory, path)
    return list(found.values())


def load_content(directories: Sequence[Path], seeds: Path | None = None) -> Content:
    """The content of `directories`. With `seeds`, the folder of the source texts the content
    quotes, every excerpt is also looked for in its source (see `citations`)."""
    context = ReadContext()
    for directory in directories:
        if not directory.is_dir():
            context.problems.append(
                Problem(directory, 1, "",
                        "is not a directory; check the plugin's 'frameworks' setting",
                        ProblemCode.NOT_A_DIRECTORY)
            )
    files = files_in_folders(directory for directory in directories if directory.is_dir())

    sources: list[Source] = []
    kinds: list[SourceKind] = []
    frameworks: list[Framework] = []
    guidance: list[Guidance] = []
    diagnostics: list[Diagnostic] = []
    glossary: dict[str, GlossaryTerm] = {}  # by the term's name: a later file's replaces
    for folder, path in files:
        data, problem = read_yaml(path, folder)
        if problem:
            context.problems.append(problem)
            continue
        if not isinstance(data, LocatedDict):
            context.problems.append(
                Problem(path, getattr(data, "line", 1), "",
                        "should hold a mapping of fields at the top level",
                        ProblemCode.NOT_A_MAPPING)
            )
            continue
        reader = Reader(data, path, "", context)
        if path.parent.name == GUIDANCE_DIR:
            guidance_topic = _read_guidance(reader)
            if guidance_topic:
                guidance.append(guidance_topic)
        elif path.name == SOURCES_FILE:
            kinds.extend(_read_kinds(reader))
            sources.extend(_read_bibliography(reader, "sources", len(sources)))
            reader.finish()
        elif path.name == GLOSSARY_FILE:
            glossary.update((term.term.lower(), term) for term in _read_glossary(reader))
        elif path.name == DIAGNOSTIC_FILE:
            diagnostics.append(_read_diagnostic(reader))
        else:
            framework = _read_framework(reader, sources)
            if framework:
                frameworks.append(framework)

    if not frameworks and not context.problems:
        context.problems.append(
            Problem(Path(directories[0]) if directories else Path("."), 1, "",
                    "holds no framework files; add at least one <id>.yaml with stages",
                    ProblemCode.NO_FRAMEWORKS)
        )
    _check_unique(context)
    unread = [problem.path for problem in context.problems if problem.code in UNREAD_FILE]
    _check_references(context, unread)
    if context.problems:
        raise ContentError(context.problems)
    content = Content(
        frameworks=tuple(sorted(frameworks, key=lambda f: (f.order, f.name))),
        guidance=tuple(sorted(guidance, key=lambda g: (g.order, g.title))),
        sources={source.id: source for source in sources},
        diagnostic=diagnostics[0] if diagnostics else None,
        glossary=tuple(glossary.values()),
        kinds={kind.id: kind for kind in kinds},
    )
    problems = _as_cited_in_problems(content) + citation_problems(content)
    if seeds is not None:
        problems += seed_problems(content, seeds)
    if problems:
        raise ContentError(problems)
    return content


def _check_unique(context: ReadContext) -> None:
    """Each id names one thing of its kind: one framework, one source, one option of a question."""
    first: dict[tuple[str, str, str], Declaration] = {}
    for declared in context.declarations:
        earlier = first.setdefault((declared.kind, declared.scope, declared.id), declared)
        if earlier is not declared:
            context.problems.append(
                Problem(declared.path, declared.line, declared.field,
                        f"the {declared.kind} id '{declared.id}' is already used in "
                        f"{earlier.path}:{earlier.line}; ids must be unique",
                        ProblemCode.DUPLICATE_ID)
            )


def _check_references(context: ReadContext, unread: list[Path]) -> None:
    """Every reference names a thing that exists. Unless a file could not be read: any id may be
    declared there, so one line says how many references wait for it instead of each one."""
    # Every id given, even to a thing with problems of its own: one problem is reported once, not
    # again at each place that names the thing.
    known: dict[str, set[str]] = defaultdict(set)
    for declared in context.declarations:
        known[declared.kind].add(declared.reference)
    fixes = {
        "source": (ProblemCode.UNKNOWN_SOURCE,
                   f"add it to {SOURCES_FILE} or to this file's 'bibliography'"),
        "framework": (ProblemCode.UNKNOWN_FRAMEWORK, "use the id of a framework file"),
        "stage": (ProblemCode.UNKNOWN_STAGE,
                  "write it as 'framework-id/stage-id' with ids that exist"),
        "flag": (ProblemCode.UNKNOWN_FLAG, "define it under 'flags' in " + DIAGNOSTIC_FILE),
        "source kind": (ProblemCode.UNKNOWN_SOURCE_KIND,
                        f"define it under 'kinds' in {SOURCES_FILE}"),
    }
    unresolved = [ref for ref in context.references if ref.target not in known[ref.kind]]
    if unread and unresolved:
        count = len(unresolved)
        context.problems.append(
            Problem(unread[0], 1, "",
                    f"{count} reference{'s' if count != 1 else ''} to ids found in no file read "
                    f"{'were' if count != 1 else 'was'} not checked: fix the files above first",
                    ProblemCode.REFERENCES_NOT_CHECKED)
        )
        return
    for ref in unresolved:
        code, fix = fixes[ref.kind]
        context.problems.append(
            Problem(ref.path, ref.line, ref.field,
                    f"unknown {ref.kind} '{ref.target}'; {fix}", code)
        )


# -- sources ---------------------------------------------------------------------------------------


def _read_kinds(reader: Reader) -> list[SourceKind]:
    """What sorts of source there are, and the weight each sort's word carries."""
    kinds = []
    for record in reader.records("kinds", required=False):
        kind_id = record.ident("id")
        label = record.text("label")
        weight = record.text("weight")
        record.finish()
        if kind_id:
            record.declare("source kind", kind_id)
        if kind_id and label and weight:
            kinds.append(SourceKind(kind_id, label, weight))
    return kinds


def _read_bibliography(reader: Reader, key: str, numbered_so_far: int) -> list[Source]:
    sources: list[Source] = []
    for record in reader.records(key, required=key == "sources"):
        source_id = record.ident("id")
        citation = record.text("citation")
        short = record.text("short", required=False)
        url = _matching(record, "url", WEB_URL, ProblemCode.URL_SCHEME,
                        "is not a web address; write it with http:// or https://")
        note = record.text("note", required=False)
        kind = record.ident("kind", required=False)
        if kind:
            record.refer("source kind", kind, "kind")
        seed = _matching(record, "seed", SEED_NAME, ProblemCode.WRONG_TYPE,
                         "should be a file name alone, like '000_icas.txt'")
        as_cited_in = record.ident("as_cited_in", required=False)
        if as_cited_in:
            record.refer("source", as_cited_in, "as_cited_in")
        record.finish()
        if source_id:
            record.declare("source", source_id)
        if source_id and citation:
            number = numbered_so_far + len(sources) + 1
            seed_at = Location(record.path, record.line("seed"), record.field_name("seed"))
            at = Location(record.path, record.line("as_cited_in" if as_cited_in else None),
                          record.prefix)
            sources.append(Source(source_id, citation, url, note, number, short, kind, seed,
                                  seed_at if seed else None, at, as_cited_in))
    return sources


def _matching(
    reader: Reader, key: str, pattern: re.Pattern[str], code: ProblemCode, fix: str
) -> str | None:
    """An optional text field that must match `pattern`; `fix` says what it should be."""
    value = reader.text(key, required=False)
    if value is not None and not pattern.match(value):
        reader.problem(key, code, f"'{value}' {fix}")
        return None
    return value


def _as_cited_in_problems(content: Content) -> list[Problem]:
    """A work known only through another source is cited as that source reports it: the other
    source must be one the site has read, not itself known only at second hand."""
    problems = []
    for source in content.sources.values():
        reporter = content.sources.get(source.as_cited_in or "")
        if reporter is not None and source.at and (reporter.as_cited_in or reporter is source):
            problems.append(Problem(
                source.at.path, source.at.line, f"{source.at.field}.as_cited_in",
                f"'{reporter.id}' is not a source this site has read (it is itself cited as "
                "reported elsewhere); name the source that was read",
                ProblemCode.AS_CITED_IN_UNREAD,
            ))
    return problems


# -- glossary --------------------------------------------------------------------------------------

# A page a term links to: a Markdown source path of the site, as written in its nav, and perhaps
# a place in it (`frameworks/kram.md#stage-cultivation`).
SITE_PAGE = re.compile(r"^[a-z0-9][a-z0-9_./-]*\.md(#[a-z0-9][a-z0-9-]*)?$")


def _read_glossary(reader: Reader) -> list[GlossaryTerm]:
    terms = []
    for record in reader.records("terms"):
        term = record.text("term")
        # `match: []` keeps a term to the glossary page; without `match`, the term itself is marked.
        match = record.texts("match", required=False) if "match" in record.data else (
            (term,) if term else ())
        definition = record.text("definition")
        citations, _own = record.provenance()
        page = record.text("page", required=False)
        if page is not None and (not SITE_PAGE.match(page) or ".." in page.split("/")):
            record.problem("page", ProblemCode.WRONG_TYPE,
                           f"'{page}' is not a page of the site; write its Markdown path, "
                           "such as guidance/roles.md")
            page = None
        record.finish()
        if term and definition:
            terms.append(GlossaryTerm(term, tuple(match or ()), " ".join(definition.split()),
                                      citations[0].source if citations else None, page,
                                      citations))
    reader.finish()
    return terms


# -- frameworks ------------------------------------------------------------------------------------


def _read_framework(reader: Reader, sources: list[Source]) -> Framework | None:
    framework_id = reader.ident("id")
    if framework_id:
        reader.declare("framework", framework_id)
    name = reader.text("name")
    author = reader.text("author", required=False)
    summary = reader.text("summary")
    framework_citations = reader.citations()
    order = reader.number("order", required=False, integer=True)
    alignment_note = reader.text("alignment_note", required=False)
    sources.extend(_read_bibliography(reader, "bibliography", len(sources)))
    stages: list[tuple[Reader, Stage | None]] = []
    stage_ids: list[str] = []  # every well-formed id, even of a stage with other problems
    for record in reader.records("stages"):
        stage_id = record.ident("id")
        if stage_id:
            record.declare("stage", stage_id, scope=str(reader.path),
                           reference=f"{framework_id}/{stage_id}")
            stage_ids.append(stage_id)
        stages.append((record, _read_stage(record, stage_id, framework_citations)))
    moves_back = [
        move for record in reader.records("moves_back", required=False)
        if (move := _read_move_back(record, stage_ids, framework_citations))
    ]
    risks = [
        risk for record in reader.records("risks", required=False)
        if (risk := _read_risk(record, stage_ids, framework_citations))
    ]
    reader.finish()
    complete = [(record, stage) for record, stage in stages if stage]
    if complete and len(complete) == len(stages):
        _check_spans(complete)
        _check_phases(complete)
    if not (framework_id and name and summary and complete) or len(complete) != len(stages):
        return None
    return Framework(
        id=framework_id, name=name, author=author, summary=summary, citations=framework_citations,
        order=int(order) if order is not None else 1000, alignment_note=alignment_note,
        moves_back=tuple(moves_back), risks=tuple(risks), stages=tuple(s for _, s in complete),
        path=reader.path,
    )


def _read_stage(
    reader: Reader, stage_id: str | None, framework_citations: tuple[Citation, ...]
) -> Stage | None:
    name = reader.text("name")
    span = reader.span("span")
    phases = _read_phases(reader, span)
    summary = reader.text("summary")
    citations = reader.citations(inherited=framework_citations)
    duration = _read_duration(reader, citations)
    duration_months = _read_months(reader, "duration_months")
    critical_task = reader.text("critical_task", required=False)
    lists = {
        key: reader.cited_list(key, required=key not in ("listening_prompts",))
        for key in ("characteristics", "mentor_does", "mentee_does", "signs", "moves_on_when",
                    "listening_prompts")
    }
    cues = _phrases(reader, "cues")
    reader.finish()
    if not (stage_id and name and span and phases and summary) or not all(
        lists[key] for key in lists if key != "listening_prompts"
    ):
        return None
    return Stage(
        id=stage_id, name=name, span=span, phases=phases, summary=summary, citations=citations,
        duration=duration, duration_months=duration_months, critical_task=critical_task,
        cues=tuple(cue.lower() for cue in cues), **lists,
    )


def _read_duration(reader: Reader, stage_citations: tuple[Citation, ...]) -> Cited | None:
    """`duration` (text) with `duration_source` and its `duration_excerpt`, or the stage's sources;
    `duration_months: [from, to]` (to null: no end) gives the numbers the time view draws."""
    text = reader.text("duration", required=False)
    source = reader.ident("duration_source", required=text is not None)
    excerpts = reader._excerpts("duration_excerpt")
    if "duration_months" in reader.data and text is None:
        reader.problem("duration_months", ProblemCode.MISSING_FIELD,
                       "gives the numbers of a duration; add 'duration' with it in words")
    if source:
        reader.refer("source", source, "duration_source")
    if text is None:
        return None
    if source:
        citation = Citation(source, excerpts, reader.path, reader.line("duration_source"),
                            reader.field_name("duration_source"))
        return Cited(text, (citation,))
    return Cited(text, stage_citations)


def _read_phases(reader: Reader, span: tuple[int, int] | None) -> tuple[str, ...]:
    """`phase: early` or `phase: [late, after]`: where the stage comes, in order. Without it, where
    its span lies on the common timeline (content written before the order view)."""
    value = reader.data.get("phase")
    if value is None:
        reader._get("phase", False)
        return _phases_of_span(span) if span else ()
    phases = reader.idents("phase") if isinstance(value, list) else (reader.ident("phase"),)
    if not phases or not all(phases):
        return ()
    unknown = [phase for phase in phases if phase not in PHASES]
    if unknown:
        reader.problem("phase", ProblemCode.INVALID_PHASE,
                       f"'{unknown[0]}' is not a phase; use {', '.join(PHASES)} (or a list of "
                       "neighbouring ones, like [late, after])")
        return ()
    indexes = [PHASES.index(phase) for phase in phases if phase]
    if indexes != list(range(indexes[0], indexes[0] + len(indexes))):
        reader.problem("phase", ProblemCode.PHASE_ORDER,
                       "should list neighbouring phases in order, like [late, after]")
        return ()
    return tuple(phase for phase in phases if phase)


# Where each phase starts on the common timeline, for stages that do not say their phase.
PHASE_STARTS = (0, 20, 70, 85)


def _phases_of_span(span: tuple[int, int]) -> tuple[str, ...]:
    start, end = span
    return tuple(
        phase for phase, phase_start, phase_end
        in zip(PHASES, PHASE_STARTS, (*PHASE_STARTS[1:], TIMELINE_END), strict=True)
        if start < phase_end and end > phase_start
    )


def _check_phases(stages: list[tuple[Reader, Stage]]) -> None:
    """A framework's stages come in order: none starts in a phase before the last one began."""
    for (_, earlier), (record, later) in pairwise(stages):
        if PHASES.index(later.phases[0]) < PHASES.index(earlier.phases[0]):
            record.problem("phase", ProblemCode.PHASE_ORDER,
                           f"'{later.id}' comes after '{earlier.id}' but is placed in an earlier "
                           f"phase ({later.phases[0]}, before {earlier.phases[0]})")


def _check_spans(stages: list[tuple[Reader, Stage]]) -> None:
    """The stages must cover the whole timeline, in order, with no gap and no overlap."""
    for broken in cover_breaks([stage.span for _, stage in stages]):
        start, expected = f"{broken.start:g}", f"{broken.expected:g}"
        if broken.position == len(stages):
            last, _ = stages[-1]
            last.problem("span", ProblemCode.SPANS_END_EARLY,
                         f"the last stage ends at {start}; it must end at {expected} so the stages "
                         "cover the whole timeline")
            continue
        record, stage = stages[broken.position]
        if broken.start > broken.expected:
            record.problem("span", ProblemCode.SPAN_GAP,
                           f"leaves a gap: '{stage.id}' starts at {start} but the previous stage "
                           f"ends at {expected}; make it start at {expected}")
        else:
            record.problem("span", ProblemCode.SPAN_OVERLAP,
                           f"overlaps: '{stage.id}' starts at {start} but the previous stage "
                           f"ends at {expected}; stages must not overlap and must be listed "
                           "in order")


def _check_stage_ref(reader: Reader, key: str, stage_id: str | None, stage_ids: list[str]) -> None:
    if stage_id and stage_id not in stage_ids:
        reader.problem(key, ProblemCode.UNKNOWN_STAGE,
                       f"unknown stage '{stage_id}'; this framework's stages are "
                       f"{', '.join(stage_ids)}")


def _read_move_back(
    reader: Reader, stage_ids: list[str], inherited: tuple[Citation, ...]
) -> MoveBack | None:
    from_stage = reader.ident("from")
    to_stage = reader.ident("to")
    citations, own = reader.provenance(inherited)
    text = reader.cited("text", citations, own)
    reader.finish()
    _check_stage_ref(reader, "from", from_stage, stage_ids)
    _check_stage_ref(reader, "to", to_stage, stage_ids)
    if from_stage and to_stage and from_stage in stage_ids and to_stage in stage_ids:
        if stage_ids.index(to_stage) >= stage_ids.index(from_stage):
            reader.problem("to", ProblemCode.MOVE_BACK_NOT_EARLIER,
                           f"'{to_stage}' is not earlier than '{from_stage}'; a move back goes to "
                           "an earlier stage")
            return None
        if text:
            return MoveBack(from_stage, to_stage, text)
    return None


def _read_risk(
    reader: Reader, stage_ids: list[str], inherited: tuple[Citation, ...]
) -> Risk | None:
    title = reader.text("title")
    stage = reader.ident("stage", required=False)
    citations, own = reader.provenance(inherited)
    text = reader.cited("text", citations, own)
    reader.finish()
    _check_stage_ref(reader, "stage", stage, stage_ids)
    return Risk(title, stage, text) if title and text else None


# -- guidance --------------------------------------------------------------------------------------


def _read_guidance(reader: Reader) -> Guidance | None:
    guidance_id = reader.ident("id")
    if guidance_id:
        reader.declare("guidance topic", guidance_id)
    title = reader.text("title")
    summary = reader.text("summary")
    citations = reader.citations()
    order = reader.number("order", required=False, integer=True)
    sections = [
        section
        for record in reader.records("sections")
        if (section := _read_section(record, citations))
    ]
    blocks = reader.idents("blocks", required=False)
    reader.finish()
    if not (guidance_id and title and summary and sections):
        return None
    return Guidance(guidance_id, title, summary, citations,
                    int(order) if order is not None else 1000, tuple(sections), reader.path,
                    blocks=blocks)


def _read_section(reader: Reader, inherited: tuple[Citation, ...]) -> Section | None:
    heading = reader.text("heading")
    text = reader.text("text", required=False)
    items = reader.cited_list("items", required=False)
    question = reader.text("question", required=False)
    answer = reader.text("answer", required=False)
    # A section of items alone needs no citation of its own: each item says who says it.
    prose = bool(text or question)
    citations, own = reader.provenance(inherited if prose else (), required=prose)
    reader.finish()
    if not (text or items or question):
        reader.problem("heading", ProblemCode.SECTION_WITHOUT_CONTENT,
                       "the section has no content; give it 'text', 'items' or 'question'")
        return None
    if answer and not question:
        reader.problem("answer", ProblemCode.ANSWER_WITHOUT_QUESTION,
                       "an 'answer' needs a 'question' to answer")
        return None
    return Section(heading, citations, own, text, items, question, answer) if heading else None


# -- diagnostic ------------------------------------------------------------------------------------


def _read_diagnostic(reader: Reader) -> Diagnostic:
    scale = _read_duration_scale(reader)
    stage_months = [
        months
        for record in reader.records("stage_months", required=False)
        if (months := _read_stage_months(record))
    ]
    questions = [
        question for record in reader.records("questions") if (question := _read_question(record))
    ]
    flags = [
        flag
        for record in reader.records("flags", required=False)
        if (flag := _read_flag(record))
    ]
    reader.finish()
    return Diagnostic(tuple(scale), tuple(stage_months), tuple(questions), tuple(flags),
                      reader.path)


def _read_stage_months(reader: Reader) -> StageMonths | None:
    reference = reader.text("stage")
    start = reader.number("from")
    end = reader.number("to", required=False)
    source = reader.ident("source")
    excerpts = reader._excerpts("excerpt")
    reader.finish()
    if reference is None or start is None or source is None:
        return None
    framework_id, _, stage_id = reference.partition("/")
    if not stage_id:
        reader.problem("stage", ProblemCode.STAGE_REFERENCE_FORMAT,
                       f"'{reference}' should be 'framework-id/stage-id'")
        return None
    reader.refer("stage", reference, "stage")
    reader.refer("source", source, "source")
    if end is not None and end <= start:
        reader.problem("to", ProblemCode.BELOW_MINIMUM, f"should be more than from ({start:g})")
        return None
    citation = Citation(source, excerpts, reader.path, reader.line("source"),
                        reader.field_name("source"))
    return StageMonths(framework_id, stage_id, float(start),
                       None if end is None else float(end), citation)


def _phrases(reader: Reader, key: str) -> tuple[str, ...]:
    """Phrases the diagnostic looks for in a description, checked by the engine's own rule."""
    phrases = reader.texts(key, required=False)
    items = reader.data.get(key)
    for index, phrase in enumerate(phrases):
        problem = phrase_problem(phrase)
        if problem:
            line = items.line_of(index) if isinstance(items, LocatedList) else reader.line(key)
            reader.problem(f"{key}[{index}]", ProblemCode.EMPTY_TEXT, problem, line)
    return tuple(phrase.lower() for phrase in phrases if not phrase_problem(phrase))


def _read_duration_scale(reader: Reader) -> list[tuple[float, float]]:
    value = reader._get("duration_scale", True)
    points: list[tuple[float, float]] = []
    if value is None:
        return points
    valid = isinstance(value, list) and len(value) >= 2 and all(
        isinstance(point, list) and len(point) == 2 and all(finite_number(n) for n in point)
        for point in value
    )
    if not valid:
        reader.problem("duration_scale", ProblemCode.DURATION_SCALE_FORMAT,
                       "should be a list of at least two [months, position] pairs")
        return points
    points = [(float(months), float(position)) for months, position in value]
    months_increase = all(a[0] < b[0] for a, b in pairwise(points))
    positions_inside = all(TIMELINE_START <= p <= TIMELINE_END for _, p in points)
    if not (months_increase and positions_inside):
        reader.problem("duration_scale", ProblemCode.DURATION_SCALE_ORDER,
                       "months must increase from pair to pair and every position must lie "
                       f"within {TIMELINE_START:g}..{TIMELINE_END:g}")
        return []
    return points


def _read_pointers(reader: Reader, key: str, required: bool = False) -> tuple[Pointer, ...]:
    pointers = []
    for record in reader.records(key, required=required):
        reference = record.text("stage")
        weight = record.number("weight", required=False, minimum=0.1)
        record.finish()
        if reference is None:
            continue
        framework_id, _, stage_id = reference.partition("/")
        if not stage_id:
            record.problem("stage", ProblemCode.STAGE_REFERENCE_FORMAT,
                           f"'{reference}' should be 'framework-id/stage-id'")
            continue
        record.refer("stage", reference, "stage")
        pointers.append(Pointer(framework_id, stage_id, float(weight or 1)))
    return tuple(pointers)


def _read_flag_refs(reader: Reader) -> tuple[str, ...]:
    flags = reader.idents("flags", required=False)
    for flag in flags:
        reader.refer("flag", flag, "flags")
    return flags


def _read_question(reader: Reader) -> Question | None:
    question_id = reader.ident("id")
    if question_id:
        reader.declare("question", question_id)
    text = reader.text("text")
    help_text = reader.text("help", required=False)
    # Options need ids unique within their question (by position, should two questions share an id).
    options = [option for record in reader.records("options")
               if (option := _read_option(record, question=reader.prefix))]
    reader.finish()
    if not (question_id and text and options):
        return None
    return Question(question_id, text, help_text, tuple(options))


def _read_option(reader: Reader, question: str) -> Option | None:
    option_id = reader.ident("id")
    if option_id:
        reader.declare("option", option_id, scope=question)
    label = reader.text("label")
    points_to = _read_pointers(reader, "points_to")
    months = _read_months(reader)
    flags = _read_flag_refs(reader)
    reason = reader.text("reason")
    phrases = _phrases(reader, "phrases")
    reader.finish()
    if not (option_id and label and reason):
        return None
    return Option(option_id, label, points_to, months, flags, reason, phrases)


def _read_months(reader: Reader, key: str = "months") -> tuple[float, float | None] | None:
    """`months: 12` or `months: [from, to]` (to null: open-ended)."""
    value = reader.data.get(key)
    if not isinstance(value, list):
        months = reader.number(key, required=False)
        return None if months is None else (float(months), float(months))
    reader._get(key, False)
    valid = (
        len(value) == 2
        and finite_number(value[0])
        and value[0] >= 0
        and (value[1] is None or (finite_number(value[1]) and value[1] > value[0]))
    )
    if not valid:
        reader.problem(key, ProblemCode.WRONG_TYPE,
                       "should be a number or [from, to] months with 0 <= from < to "
                       "(to may be null)")
        return None
    return float(value[0]), None if value[1] is None else float(value[1])


def _read_flag(reader: Reader) -> Flag | None:
    flag_id = reader.ident("id")
    if flag_id:
        reader.declare("flag", flag_id)
    title = reader.text("title")
    advice = reader.text("advice")
    citations = reader.citations()
    framework = reader.ident("framework", required=False)
    if framework:
        reader.refer("framework", framework, "framework")
    stage = reader.ident("stage", required=False)
    if stage and framework:
        reader.refer("stage", f"{framework}/{stage}", "stage")
    elif stage:
        reader.problem("stage", ProblemCode.MISSING_FIELD,
                       "names a stage; add the framework it belongs to")
    reader.finish()
    if not (flag_id and title and advice):
        return None
    return Flag(flag_id, title, advice, citations, framework, stage)
