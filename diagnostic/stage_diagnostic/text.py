"""Reading a description: words and their stems, phrases with negation and tense, time together.

Everything works on tokens, so a phrase from the model matches the visitor's words whatever their
ending ("set goals" matches "setting our goals"), case, apostrophes or spelling (British or
American), and every match keeps the character offsets of the words it came from.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from typing import NamedTuple

_WORD = re.compile(r"[0-9]+(?:\.[0-9]+)?|[a-z]+(?:'[a-z]+)?|[.,;:!?()\"\-]", re.IGNORECASE)
_ASKED = re.compile(r"\?")
_QUOTE_MARKS = frozenset("'\"\u2019\u201d")
# Words a question starts with: "Where do I start?", not "it's kind of fizzled?".
_QUESTION_WORDS = frozenset({
    "how", "what", "where", "when", "why", "who", "which", "whose", "is", "are", "am", "was",
    "were", "do", "does", "did", "can", "could", "should", "would", "will", "shall", "has",
    "have", "had", "may", "might", "must", "isn't", "aren't", "don't", "doesn't", "didn't",
    "can't", "won't", "shouldn't", "wouldn't", "haven't", "hasn't", "anyone", "any",
})
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})
_SENTENCE_BREAKS = frozenset(".;!?")
_CLAUSE_BREAKS = frozenset('.,;:!?()"')

# A phrase's words may be this many other words apart ("agreed some clear goals").
MAX_GAP = 2
# How far a denying word reaches: one this many words before a phrase (in the same clause) denies
# it, and the wording's features count a word this many words after one as denied ("we haven't
# really sat down and set any goals"). One reach for both: the phrases and the wording read the same
# sentences. 6 measured better than 4 for the wording too (issue 24; cross-validated on the
# tuning corpus, descriptions Clutterbuck 549 -> 551 of 569, flag texts 387 -> 391 of 410,
# no-stage texts given none 141 -> 142 of 160).
NEGATION_WINDOW = 6
# "nearly", "most of" this many words before a phrase make it partial.
PARTIAL_REACH = 3
# A phrase that says the pair met only once ("{met} ... {once}") tells of a problem only when the
# text gives them this many months: met once in a fortnight is a start, met once since March is not.
BARELY_MET_MONTHS = 2.0
BARELY_MET_CLASSES = ("{once}", "{one}")
# How far after a phrase its cause is looked for ("upset by a customer's complaint").
CAUSE_REACH = 5
NOT = "n't"
# Words that deny what follows ("we haven't agreed goals"); all become the one stem NOT, so a
# model phrase written "not ..." matches any of them.
_NEGATORS = frozenset({"not", "no", "never", "without", "cannot", "nor", "neither", "hardly",
                       "barely", "nobody", "rarely", "seldom", "nowhere",
                       # as typed in a hurry, without the apostrophe
                       "dont", "didnt", "doesnt", "cant", "wont", "havent", "hasnt", "hadnt",
                       "isnt", "arent", "wasnt", "werent", "couldnt", "wouldnt", "shouldnt"})
# A model phrase may stand for many. "{class}" is any word or words of a class below, so one line
# says one thing the ways people put it ("{mentor} {keeps} {cancelling}": "she keeps cancelling",
# "my mentor constantly reschedules" ...), and "..." lets the words after it come anywhere later in
# the same clause ("{ended} ... before i was ready"). See expand and phrase_stems.
ANY_GAP = "..."
_CLASS = re.compile(r"\{([a-z-]+)\}")
# fmt: off
WORD_CLASSES: dict[str, tuple[str, ...]] = {
    # the other one of the pair, as the one who does something
    "mentor": ("mentor", "she", "he", "sir", "ma'am", "madam"),
    # the writer, counted only when the writer is the mentor ("I've cancelled on her four times":
    # a mentor owning up to being out of reach; see reading.MENTOR_VOICE)
    "me": ("i",),
    # the mentee, as the one something is done to in the mentor's own words
    "mentee": ("her", "him", "my mentee", "them"),
    # ...and as the one something is done to
    "them": ("mentor", "her", "him", "sir", "ma'am", "madam"),
    # a meeting of the pair
    "meetings": ("meetings", "sessions", "catch-ups", "catchups", "calls", "check-ins",
                 "one-to-ones", "slots", "coffees", "chats", "mtg", "mtgs", "meets", "lunch",
                 "lunches", "coffee", "appointment", "appointments", "visits", "conversation",
                 "conversations", "half-hour", "brew", "brews", "cuppa", "cuppas", "pint",
                 "pints"),
    # the last of them
    "final": ("final", "closing", "farewell", "last ever", "wrap-up", "wrap up"),
    # only once in all that time (a phrase with these counts only where the text says the pair
    # have had months: see BARELY_MET_MONTHS)
    "once": ("once", "one time", "exactly once", "only once"),
    "one": ("one", "a single", "only one", "just one"),
    # over and over
    "keeps": ("keeps", "keep", "kept", "always", "constantly", "repeatedly", "continually",
              "forever", "regularly"),
    # calling a meeting off or putting it off
    "cancelling": ("cancelling", "postponing", "rescheduling", "putting off", "pushing back",
                   "calling off", "rearranging", "bailing", "skipping", "moving it",
                   "moving our", "moving the", "missing our", "pulling out of", "pulled out of"),
    # again and again
    "every": ("every", "each", "most", "all", "again", "several", "repeatedly", "twice",
              "three times", "four times", "five times", "in a row", "third time",
              "fourth time", "fifth time", "sixth time", "time after time", "again and again"),
    # there for the mentee
    "available": ("available", "free", "around", "reachable", "contactable", "responsive",
                  "have time", "got time", "make time", "find time", "have the time"),
    # far too much on
    "swamped": ("slammed", "swamped", "snowed under", "flat out", "overloaded", "overstretched",
                "tasked out", "in crunch", "buried in", "maxed out",
                "run off her feet", "run off his feet", "overcommitted", "overworked",
                "stretched thin"),
    # somewhere else
    "away": ("away", "travelling", "traveling", "on the road", "abroad", "offsite", "flying",
             "on tour", "touring", "overseas", "on call", "in another country", "somewhere else",
             "on another site", "on a different site", "in meetings", "in calls",
             "out of the office", "elsewhere"),
    # not happening
    "slipping": ("slipping", "sliding", "moving", "getting bumped", "getting cancelled",
                 "getting postponed", "getting moved",
                 "getting pushed back", "getting put off", "falling through", "falling off",
                 "falling by the wayside", "not happening", "getting dropped", "getting skipped"),
    # met
    "met": ("met", "seen each other", "spoken", "talked", "caught up", "had a session",
            "had a meeting", "seen"),
    # a long while
    "spans": ("months", "ages", "a while", "a long time", "forever", "years"),
    # a programme
    "scheme": ("programme", "scheme", "year", "cycle", "pilot"),
    # ready
    "ready": ("ready", "prepared", "equipped", "confident enough"),
    # a mentor's part
    "role": ("mentor", "coach", "supervisor", "guide", "tutor"),
    # starting afresh
    "board": ("whiteboard", "drawing board", "flipchart", "blank page", "blank sheet",
              "square one"),
    # a diary
    "diary": ("diary", "calendar", "agenda", "schedule"),
    # someone who keeps a diary
    "assistant": ("pa", "assistant", "secretary", "clerk", "ea"),
    # moving a meeting
    "moves": ("moves", "moved", "cancels", "cancelled", "reschedules", "rescheduled", "declines",
              "declined", "bumps", "bumped", "pushes", "pushed", "shifts", "shifted"),
    # asking for a meeting
    "request": ("invitation", "invite", "invites", "invitations", "request", "requests",
                "meeting request", "calendar invite"),
    # the mentor's usual place
    "place": ("office", "room", "classroom", "desk", "studio", "lab", "workshop", "surgery"),
    # left untouched
    "idle": ("lying there", "sitting there", "sat there", "gathering dust", "collecting dust",
             "untouched", "on the shelf", "on a shelf", "in a drawer", "in the drawer",
             "not been opened", "never opened"),
    # going away for good
    # (its past forms keep their tense, so "she retired in 2015" is no ending of the pair)
    "leaving": ("retiring", "leaving the", "leaving in", "leaving at", "leaving next",
                "leaving soon", "relocating", "emigrating", "moving away", "stepping down",
                "being transferred", "moving abroad", "moving overseas"),
    # bringing to an end
    "ending": ("ending", "finishing", "closing", "discontinuing", "stopping", "winding up",
               "wrapping up", "pulling the plug on", "calling time on"),
    # giving up the mentoring before its end
    "quit": ("unable to continue", "not able to continue", "no longer able to continue",
             "bowing out", "bow out", "stop now", "stepping back from mentoring",
             "stepping away from", "pulling out of the", "withdrawing from", "stepping down as",
             "calling it a day", "calling time on", "handing me over", "handing me on"),
    # ...and brought to an end
    "finished": ("ended", "finished", "wrapped up", "closed", "completed", "stopped",
                 "concluded", "wound up"),
    # touched the work
    # (not a bare "touched": "we haven't been in touch since" is a pair that has parted)
    "touched": ("touched it", "touched the", "touched my", "touched our", "touched her",
                "touched his", "touched any", "touched them", "opened", "looked at",
                "done anything with", "worked on", "updated", "revisited", "picked up"),
    # answering a message
    "reply": ("reply", "respond", "answer", "get back", "write back", "text back", "call back",
              "ring back", "pick up", "pick", "return my", "acknowledge"),
    # out of reach altogether (said of a person: "my doubts disappeared" is no such thing, but
    # these words are said of people)
    "gone": ("uncontactable", "unreachable", "incommunicado", "unresponsive", "unavailable",
             "ghosted", "gone dark", "went dark", "gone silent", "went silent", "gone awol",
             "went awol", "awol", "missing in action", "gone missing", "off the radar",
             "gone to ground", "radio silence", "out of reach", "impossible to reach",
             "impossible to get hold of", "never reachable", "nowhere to be found"),
    # settled on paper
    "fixed": ("written down", "agreed", "set", "decided", "fixed", "on paper", "pinned down",
              "nailed down", "settled", "defined", "down on paper", "in writing"),
    # a time to meet
    "slot": ("time", "slot", "date", "day", "window", "gap"),
    # a reply
    "reply-noun": ("reply", "response", "answer", "word"),
    # what is sent to be replied to
    "messages": ("email", "emails", "message", "messages", "text", "texts", "voicemail",
                 "voicemails", "dm", "dms"),
    # too much on
    "busy": ("busy", "slammed", "swamped", "snowed under", "flat out", "overloaded",
             "overstretched", "stretched", "run off her feet", "run off his feet", "tied up",
             "booked up", "booked solid", "overcommitted", "overworked"),
    # hard, as in hard to reach
    "hard": ("hard", "difficult", "impossible", "tricky", "tough", "a nightmare"),
    # to reach someone
    "reach": ("reach", "get hold of", "pin down", "catch", "get time with", "get a meeting with",
              "get a slot with", "get a date with", "track down", "contact",
              "get in front of", "nail down"),
    # coming to nothing, little by little
    # (not "drifting" or "petering out": a pair winding down says that too, "in a good way")
    "fizzled": ("fizzled", "stalled", "lapsed", "died off", "died down", "ran out of steam",
                "run out of steam", "gone quiet", "went quiet", "gone cold", "went cold",
                "gone flat", "went flat", "dried up", "ground to a halt", "fizzling", "stalling",
                "lapsing", "run aground", "ran aground", "on hold", "on the back burner",
                "on the backburner", "gone off the boil", "lost its way", "lost steam",
                "lost momentum", "lost its spark"),
    # ...and the things that do
    "it": ("it", "the mentoring", "our mentoring", "the meetings", "our meetings",
           "the sessions", "our sessions", "the relationship", "our relationship", "we",
           "catch-ups", "our catch-ups", "contact"),
    # nothing moving
    "moved": ("moved", "changed", "happened", "progressed", "shifted", "budged", "come of it",
              "advanced", "improved", "developed", "gone forward", "moved on", "got further",
              "got done", "gone anywhere"),
    # feeling cast off
    "dropped": ("dropped", "abandoned", "cut loose", "cast adrift", "cut adrift", "left hanging",
                "left in the lurch", "let down", "dumped", "discarded", "deserted", "pushed out",
                "sidelined", "brushed off", "orphaned", "cast aside", "cast off", "thrown away",
                "left high and dry", "left stranded", "stranded", "left behind", "let go",
                "short-changed", "shortchanged", "fobbed off", "handed back",
                "left on the side of the road", "left at the roadside", "dumped at the roadside",
                "pushed off a cliff", "washed her hands of me", "washed his hands of me",
                "binned", "ditched", "dropped like", "let go of", "left midway", "left halfway",
                "left alone", "cut off", "shown the door", "shown out", "kicked out",
                "turfed out", "sent packing", "pushed out of the nest"),
    # hurt by how it went (words a mentee would use of an ending, never of tiredness or a busy
    # week: no "shattered", "low", "sad", "disappointed", which are said of endings that went well)
    "sore": ("hurt", "upset", "gutted", "sore", "stung", "wounded", "bereft", "miffed",
             "deflated", "cheated", "rattled", "resentful", "resent", "abandoned", "betrayed",
             "bitter", "angry", "furious", "crushed", "disheartened", "devastated", "heartbroken",
             "rejected", "unwanted", "blindsided", "let down", "hard done by", "short-changed",
             "shortchanged", "robbed", "aggrieved", "wronged", "smarting", "stings", "rankles",
             "a knot in my stomach", "a chill", "pinches", "pained", "dejected", "forsaken",
             "discarded", "neglected", "slighted", "snubbed", "offended", "hostile"),
    # an end
    "ended": ("ended", "finished", "stopped", "closed", "wrapped up", "pulled out", "pulled",
              "withdrew", "withdrawn", "left", "quit", "retired", "relocated", "moved away",
              "stepped back", "stepped down", "stepping back", "stepping down", "called it off",
              "called it a day", "cut", "cancelled", "ending", "finishing", "closing", "leaving",
              "retiring", "relocating", "pulling out", "wound up", "winding up"),
    # while there was still work to do
    # (not a bare "early": an end brought forward with the work done is no alarm)
    "unready": ("before i was ready", "before she was ready", "before he was ready",
                "before we'd finished", "before we had finished", "before we finished",
                "before i could", "halfway through", "half way through", "midway through",
                "part way through", "partway through", "mid-way through", "half done",
                "only halfway", "unfinished", "too soon", "too early", "prematurely",
                "out of the blue", "without warning", "just as", "just when",
                # the pair had hardly begun
                "only just getting", "just getting going", "just getting started",
                "only just started", "only just begun", "just got going", "just got started",
                "just getting to know", "just starting to get somewhere", "just getting somewhere"),
    # needing someone
    "needed": ("needed", "need", "needs", "relied on", "rely on", "depended on", "depend on",
               "leaned on", "lean on", "wanted help", "had questions", "had things to learn"),
    # goals
    "goals": ("goals", "goal", "targets", "target", "objectives", "objective", "aims", "aim",
              "plan", "priorities", "focus", "challenges", "challenge", "ambitions", "list"),
    # the next ones
    "new": ("new", "fresh", "different", "another set of", "some more", "bigger", "next set of"),
    # another go at it (not "step", "stage" or "phase": "ready for the next step" is as often a
    # mentee moving on)
    "round": ("round", "chapter", "lot", "set", "cycle", "batch", "wave", "idp", "pdp",
              "development plan", "action plan"),
    # ...the one after
    "next": ("next", "second", "another", "new", "fresh", "further", "follow-on", "follow-up"),
    # setting goals
    "setting": ("setting", "set", "agreeing", "agree", "working out", "figuring out", "deciding",
                "defining", "choosing", "picking", "drafting", "writing", "mapping out",
                "thinking about", "talking about", "discussing", "planning", "looking at",
                "kicking around", "sussing out", "weighing up", "mulling over"),
    # done
    "done": ("done", "achieved", "met", "reached", "hit", "completed", "ticked off", "signed off",
             "sorted", "passed", "landed", "got", "finished", "accomplished", "nailed", "smashed",
             "delivered", "wrapped up"),
}
# fmt: on
# Words that only look ahead to it ("we need to set goals", "we will agree goals"): either way, it
# is not so yet. "need", "want" ... count only before "to".
_AHEAD_BEFORE_TO = frozenset({"need", "needs", "want", "wants", "hope", "hopes", "plan", "plans",
                              "going", "yet", "like", "intend"})
_AHEAD = frozenset({"will", "should", "must", "wish", "next", "soon", "considering",
                    # advice is not yet done ("I've suggested she books time with him")
                    "suggested", "advised"})
# ...but "I'll" before these says something now ("I'll admit", "I'll say this").
_SAYING = frozenset({"admit", "say", "confess", "grant", "concede"})
# Words that make what follows an attempt, which says nothing of how things usually go ("I tried
# booking time in her diary": no sign she is usually available).
_TRIED = frozenset({"tried", "tries", "attempted"})
# ...and two words that do ("I'm thinking of signing up", "looking for a mentor").
_AHEAD_PAIRS = frozenset({("thinking", "of"), ("looking", "for"),
                          ("waiting", "to"), ("waiting", "for")})
# Words that put a stretch of the description in the past ("at first we ..., now we ...").
_PAST_MARKERS = (("at", "first"), ("at", "the", "start"), ("at", "the", "beginning"),
                 ("in", "the", "beginning"), ("initially",), ("early", "on"), ("used", "to"),
                 ("back", "then"), ("originally",), ("in", "the", "early", "days"),
                 ("when", "we", "started"), ("when", "we", "first"), ("to", "begin", "with"),
                 ("to", "start", "with"), ("in", "the", "first"), ("before", "that"),
                 ("last", "year"), ("previously",), ("at", "that", "time"), ("having", "got"),
                 ("after", "getting"), ("having", "gotten"), ("having", "spent"),
                 # "the first two were mostly small talk; now we ..."
                 ("the", "first", "two"), ("the", "first", "couple"), ("our", "first", "two"),
                 ("our", "first", "couple"),
                 # "after two meetings getting to know each other, we are now ...", but not
                 # "after three years I have outgrown it" (that is time together)
                 *(("after", count, unit) for count in ("two", "three", "a", "some", "our", "the")
                   for unit in ("meetings", "sessions", "few", "couple", "first")))
_PAST_STARTS: dict[str, list[tuple[str, ...]]] = {}
for _marker in _PAST_MARKERS:
    _PAST_STARTS.setdefault(_marker[0], []).append(_marker)
_PRESENT_MARKERS = frozenset({"now", "nowadays", "lately", "currently", "recently", "today",
                              "these", "since", "still"})
_SUBJECTS = frozenset({"we", "we're", "we've", "we'd", "we'll", "i", "i'm", "i've", "she", "she's",
                       "he", "he's", "they", "they're"})
# Words a quote does not end with: they leave it hanging ("she knows what").
# fmt: off
_DANGLING = frozenset({
    "a", "an", "the", "and", "or", "but", "nor", "so", "yet", "if", "then", "than", "as", "because",
    "while", "whether", "to", "of", "for", "with", "from", "at", "by", "in", "into", "about",
    "that", "which", "who", "whom", "whose", "what", "when", "where", "why", "how", "is", "am",
    "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does", "did", "will",
    "would", "shall", "should", "can", "could", "may", "might", "must", "my", "your", "his", "our",
    "their", "its", "this", "these", "those", "very", "really", "just", "like", "quite", "i",
    "we", "he", "she", "they", "i'm", "we're", "he's", "she's", "they're", "i've", "we've",
})
# fmt: on
# Hedged words weigh less, never nothing: "I think we have agreed goals" still says so.
_HEDGES = frozenset({"maybe", "perhaps", "probably", "possibly", "unsure", "seems", "apparently"})
# ...and words that hedge after "I" ("I think", "I guess"; not "I can guess what she'll say").
_HEDGES_AFTER_I = frozenset({"think", "guess", "suppose", "believe", "reckon"})

# Words just after a phrase that make it a comparison ("relies on me a lot less now").
_LESS = frozenset({"less", "fewer"})
# Words that make a phrase partial: "nearly everything" is not everything, "most of" not all.
_PARTIAL = frozenset({"nearly", "almost", "most", "mostly", "largely", "practically", "half",
                      "partly", "partially"})
# Who a phrase is about. The pair: the writer, the other person, the two of them.
_PAIR = frozenset({"i", "i'm", "i've", "i'd", "i'll", "me", "we", "we're", "we've", "we'd",
                   "we'll", "us", "our", "mentor", "mentee", "mentoring", "pair", "both",
                   "neither", "sir", "ma'am", "madam"})
_ME = frozenset({"i", "i'm", "i've", "i'd", "i'll", "me"})
_AFTER_IS = frozenset({"been", "got", "gone", "not", "never", "always", "just", "also", "still",
                       "really", "very", "so", "too", "a", "an", "the", "being", "had", "no",
                       "hopeless", "useless", "busy"})
_WE = frozenset({"we", "we're", "we've", "we'd", "we'll", "us", "our"})
# ...the other one of the pair, as a description names them...
_OTHER_OF_PAIR = frozenset({"mentor", "mentee", "sir", "ma'am", "madam"})
# Words for the other one in a clause, never who it is about ("my coach has given me homework").
_OBJECTS = frozenset({"me", "us", "him", "them"})
# ...words for another person, standing for whoever was last named before them...
_PRONOUNS = frozenset({"he", "he's", "she", "she's", "him", "her", "his", "they", "they're",
                       "them", "their"})
# ...and people outside the pair, who can be "he", "she" or the other half of "we"...
# fmt: off
_PEOPLE = frozenset({
    "manager", "managers", "boss", "bosses", "colleague", "colleagues", "coworker", "coworkers",
    "co-worker", "teammate", "teammates", "client", "clients", "customer", "customers",
    "supplier", "suppliers", "contractor", "landlord", "agent", "recruiter", "author",
    "co-author", "editor", "publisher", "reviewer", "reviewers", "examiner", "lecturer",
    "professor", "tutor", "teacher", "trainer", "therapist", "counsellor", "counselor", "physio",
    "psychologist", "instructor", "supervisor", "doctor", "gp", "child", "children", "kid",
    "kids", "son", "daughter", "baby", "wife", "husband", "mum", "mom", "dad", "mother",
    "father", "parent", "parents", "brother", "sister", "neighbour", "neighbor", "vicar", "coach",
    "director", "ceo", "executive", "principal", "headteacher", "builder", "plumber", "vendor",
    "pi", "solicitor", "lawyer", "accountant", "treasurer", "dentist", "vet", "flatmate",
    "housemate", "roommate", "boyfriend", "girlfriend",
})
# People nobody would take for a mentoring pair's other half: outside the pair, but no sign that
# a text is about someone else rather than a mentor ("It's not that she left; people leave").
_ANYONE = frozenset({
    "people", "contacts", "volunteers", "repairman", "everyone", "everybody", "hr",
    "recruiters", "agents", "editors", "landlords", "contractors", "examiners", "doctors",
    "nurses", "patients", "relatives", "clerk", "clerks",
})
# fmt: on
# ...of whom these are many, so never who "he" or "she" stands for ("she gave me two people to
# shadow. Then she moved to the regional job")
_MANY_PEOPLE = frozenset({
    "managers", "bosses", "colleagues", "coworkers", "co-workers", "teammates", "clients",
    "customers", "suppliers", "reviewers", "children", "kids", "parents", "people", "contacts",
    "volunteers", "everyone", "everybody", "recruiters", "agents", "editors",
    "landlords", "contractors", "examiners", "doctors", "nurses", "patients", "relatives",
    "clerks",
})
_SINGULAR_PRONOUNS = frozenset({"he", "he's", "she", "she's", "him", "her", "his"})
# ...and everyone and everything else outside the pair, whose troubles are not the pair's ("the
# trains keep getting cancelled", "my line manager never replies", "upset by a customer").
# fmt: off
_OUTSIDERS = _PEOPLE | _ANYONE | frozenset({
    "team", "department", "company", "firm", "employer", "organisation", "organization", "hr",
    "hospital", "train", "trains", "bus", "buses", "tube", "flight", "flights", "plane", "strike",
    "strikes", "traffic", "weather", "snow", "storm", "floods", "family", "friend", "visa",
    "cat", "dog", "puppy", "kitten", "horse", "venue", "repair", "delivery",
    "council", "bank", "website", "site", "app", "portal", "laptop", "wifi", "internet",
    "printer", "software", "system", "insurer", "airline", "board", "committee", "government",
    "home", "office", "club", "school", "college", "university", "semester", "term",
    "conference", "conferences", "event", "workshop", "project", "charity",
    # many pairs at once: a programme's rules, not one pair's doings ("pairs meet monthly")
    "pairs", "participants", "mentors", "mentees",
})
# fmt: on
# People a gap in a phrase does not pass: they start what someone else does (see _follow).
_NAMED = _OTHER_OF_PAIR | _PEOPLE | _ANYONE
# Words between who does something and the doing ("support is still not answering").
_BEFORE_THE_DOING = frozenset({"is", "are", "was", "were", "has", "have", "had", "been", "still",
                               "just", "always", "also", "really", "ever", "even", "now", "again",
                               "yet", "so", "far"})
# Nobody in particular, who may be the mentor as well as anyone ("I emailed and nobody replied").
_NOBODY = frozenset({"nobody", "noone", "anybody", "anyone", "somebody", "someone"})
# What is done to meetings that were held all the same ("I made both visits").
_KEPT = frozenset({"made", "kept", "held", "managed", "did"})
# Words of a partial that may instead say what is done most ("mostly talking about goals").
_MOSTLY = frozenset({"mostly", "largely", "mainly"})
# Prepositions a clause about something may end with ("the part I signed up for").
_STRANDED = frozenset({"for", "on", "to", "with", "about", "into", "at"})
# How a clause that names a thing as the aim begins ("which was what", "that's what").
_NAMING_AN_AIM = (("which", "was", "what"), ("which", "is", "what"), ("that", "was", "what"),
                  ("that", "is", "what"), ("that's", "what"), ("this", "was", "what"))
# Words of a past aim in such a clause ("what we were working towards"), besides verbs in -ed
# ("what we aimed for"; not "what we need", nor "what we agreed to work on", still worked on).
_NOT_A_PAST_AIM = frozenset({"need", "agreed"})
_PAST_AIM = frozenset({"was", "were", "had", "we'd", "i'd", "she'd", "he'd", "wanted", "set"})
# Words that make what follows done to who is named, not by them ("my emails are never answered").
_BEING = frozenset({"is", "are", "was", "were", "been", "isn't", "aren't", "wasn't", "weren't"})
# Words before a noun that leave it who the clause is about ("the", "my": not "her", "his",
# "their", whose office or assistant are often the mentor's), and words that start a clause.
_BEFORE_A_NAMED_OTHER = frozenset({"the", "a", "an", "my", "our", "this", "that", "and", "but",
                                   "so", "then", "because", "while", "whereas", "though"})
# Where else a trouble may be, said just after it ("stalled at work", "stuck in my job").
_ELSEWHERE = frozenset({"work", "job", "office", "home"})
# Words after a phrase that name who or what caused it ("upset by a customer's complaint").
_CAUSES = frozenset({"by", "because", "due", "owing", "thanks", "when", "after"})
# A party named just after one of these is not who the clause is about ("my mentor in the
# company", "my flight to the meeting").
_PREPOSITIONS = frozenset({"in", "at", "to", "of", "for", "from", "with", "on", "about", "into",
                           "by", "through", "across", "within"})
# Words that say a thing is the writer's or a group's ("my rating", "our choir"); never "his" or
# "her", whose things are often the mentor's, and their time the pair's ("his status has said
# 'busy' for three months").
_POSSESSIVES = frozenset({"my", "our", "their", "your"})
# Words that start a time yet to come, and who then does something now or has done it
# ("once we've thought about it", "once he knows me"). Not "before": "working it out before we
# pin down anything new" says the goals are being worked out now.
_UNTIL = frozenset({"once", "until", "till"})
_HAVING_DONE = frozenset({"we've", "i've", "they've", "you've"})
_PAST_FORMS = frozenset({"got", "had", "was", "were", "did", "went", "came", "left", "took",
                         "became", "knew", "said", "made", "met", "thought", "began", "saw",
                         "'d", "would", "could"})
YET_TO_COME_REACH = 10
# Words after a feeling that say what it is aimed at ("angry with the company").
_AIMED_AT = frozenset({"with", "at", "about", "over", "that"})
# ...or what it is felt at, named after "by" or one of those ("abandoned by the council")...
_FELT_AT = _AIMED_AT | {"by", "towards", "toward"}
# ...of which these may name a thing apart from the pair ("upset about the restructure"; after
# "by" or "at" only a person or body: "dropped by the roadside", "hurt at the time")...
_FELT_ABOUT = frozenset({"about", "with", "over"})
_THINGS_NAMED_WITH = frozenset({"the", "a", "an", "my", "his", "her", "their", "your", "this"})
_ENDED_WORDS = frozenset(word for word in WORD_CLASSES["ended"] if " " not in word) | {
    "end", "ending", "endings", "break", "split", "loss", "goodbye"}
_WHEN_OR_WHOLE = frozenset({"time", "times", "moment", "timing", "whole", "thing", "things",
                            "news", "way", "decision", "situation", "point", "fact", "lack"})
# ...which may be the writer ("furious with myself"): no one of the pair's ending...
_REFLEXIVES = frozenset({"myself", "yourself", "ourselves"})
# ...or what a clause before told ("angry about it")...
_TOLD_BEFORE = frozenset({"it", "that", "this", "them", "all"})
# ...and the words that open a clause putting a feeling on something ("that's business, not her")
_THATS = (("that's",), ("that", "is"), ("that", "was"), ("it's",), ("it", "is"))
# Feelings: an ending too soon is read from them, unless they are felt about someone else.
_FEELINGS = frozenset(word for name in ("sore", "dropped") for word in WORD_CLASSES[name]
                      if " " not in word)
# Words that make it a single event: one meeting missed is no pattern.
_ONCE = frozenset({"once", "one", "single"})
# ...and so does a meeting named in the singular ("I missed our session").
_ONE_MEETING = frozenset({"session", "meeting", "call", "catch-up", "appointment", "lunch"})
_THE = frozenset({"a", "an", "the", "our", "my", "that", "this", "last"})
_AGAIN = frozenset({"keep", "keeps", "kept", "always", "again", "every", "each", "constantly",
                    "repeatedly"})

# Past forms that suffix stripping cannot reach, and American spellings of British words.
# fmt: off
_IRREGULAR = {
    "felt": "feel", "grew": "grow", "grown": "grow", "outgrew": "outgrow",
    "outgrown": "outgrow", "began": "begin", "begun": "begin", "got": "get", "gotten": "get",
    "knew": "know", "known": "know", "said": "say", "went": "go", "gone": "go", "made": "make",
    "children": "child", "sought": "seek", "thought": "think", "taught": "teach", "led": "lead",
    # (not "practice": more often the noun, "in practice", than the American verb)
    "program": "programme", "programs": "programme", "practicing": "practise",
    "practiced": "practise", "center": "centre",
    "ran": "run", "kept": "keep", "left": "left", "built": "build", "brought": "bring",
    "wks": "week", "wk": "week", "mo": "month", "mos": "month", "mth": "month", "mths": "month",
    "yr": "year", "yrs": "year", "months'": "month", "years'": "year",
}
# fmt: on
# Past forms kept whole because the tense is the point: a programme that "ended" is not one that
# "ends" next month, and goals "agreed" are not goals still being agreed.
_TENSE_MATTERS = frozenset({"ended", "finished", "agreed", "achieved", "completed", "wrapped",
                            "closed", "retired", "relocated", "emigrated"})
_ISE = ("ising", "izing", "ised", "ized", "ises", "izes", "ise", "ize")
# No "-ly": it would make "weekly" the same word as "week" and "monthly" as "month".
_SUFFIXES = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""))


# Words that carry no meaning of their own: a quote made only of these ("yet", "what", "really")
# is not a reason anyone would recognise, so no quote shown is ever one of them alone.
# fmt: off
FUNCTION_WORDS = frozenset({
    "a", "an", "the", "and", "or", "but", "nor", "so", "yet", "if", "then", "than", "as", "because",
    "while", "whether", "though", "although", "of", "to", "in", "on", "at", "by", "for", "with",
    "from", "into", "onto", "about", "over", "under", "through", "after", "before", "since",
    "until", "till", "between", "among", "around", "across", "against", "along", "during",
    "without", "within", "towards", "toward", "upon", "off", "out", "up", "down", "per", "via",
    "i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "you", "your", "he", "him", "his",
    "she", "her", "hers", "it", "its", "they", "them", "their", "this", "that", "these", "those",
    "who", "whom", "whose", "which", "what", "when", "where", "why", "how", "there", "here",
    "is", "am", "are", "was", "were", "be", "been", "being", "have", "has", "had", "having", "do",
    "does", "did", "doing", "done", "will", "would", "shall", "should", "can", "could", "may",
    "might", "must", "ought", "get", "got", "gets", "very", "really", "quite", "rather", "just",
    "still", "also", "too", "even", "ever", "only", "already", "again", "now", "soon",
    "well", "like", "much", "many", "more", "most", "less", "least", "few", "some", "any", "all",
    "each", "every", "both", "either", "neither", "other", "another", "such", "own", "same",
    "not", "no", "never", "n't", "s", "ll", "ve", "re", "d", "m", "one", "thing", "things", "lot",
    "bit", "kind", "sort", "way", "something", "anything", "nothing", "everything", "someone",
    "anyone", "everyone", "often", "always", "sometimes", "usually", "maybe", "perhaps",
    "probably", "actually", "basically", "literally", "pretty", "enough", "almost", "nearly",
    "mostly", "ago", "yes", "oh", "ok", "okay", "um", "uh", "etc", "i'm", "i've", "i'd",
    "i'll", "we're", "we've", "we'd", "we'll", "he's", "she's", "it's", "they're", "they've",
    "that's", "there's", "what's", "let's", "go", "going", "make", "made", "say", "said",
})
# Words that are never a common noun for someone outside the pair ("the", "nobody"): made once,
# as the reading asks it of word after word.
_NEVER_A_NAME = FUNCTION_WORDS | _NOBODY
# fmt: on
# How many words a quote is widened to (see Description.phrase).
PHRASE_WORDS = 6


def is_phrase(quote: str) -> bool:
    """Whether a quote can stand as a reason: two or more words, or one that means something on its
    own ("outgrown"), never a lone function word ("yet")."""
    words = [token.word for token in tokenize(quote)]
    return len(words) >= 2 or any(word not in FUNCTION_WORDS for word in words)


def has_content_word(quote: str) -> bool:
    """Whether a quote holds at least one word that means something on its own."""
    return any(
        token.word not in FUNCTION_WORDS and token.word.split("'")[0] not in FUNCTION_WORDS
        and not token.word.replace(".", "", 1).isdigit()
        for token in tokenize(quote)
    )


class Token(NamedTuple):  # one per word read; as a frozen dataclass, a sixth of a phrase check
    word: str  # lower case, as written
    stem: str
    start: int  # character offsets into the original text
    end: int
    clause: int  # tokens in different clauses never combine into one phrase or negation
    sentence: int
    hyphen_before: bool  # joined to the word before by a hyphen ("nine-month")


@lru_cache(maxsize=8192)  # pure, and the same few thousand words recur in phrases and texts
def stem(word: str) -> str:
    """A small suffix-stripping stemmer: crude, but it treats the model's phrases and the visitor's
    words alike, which is all that matching needs."""
    word = word.lower()
    if word.endswith("n't") or word in _NEGATORS:
        return NOT  # so "can't", "never", "no" and "not" are one word
    word = word.split("'")[0]  # he's, we'll, mentor's -> he, we, mentor
    word = _IRREGULAR.get(word, word)
    if word in _TENSE_MATTERS:
        return word
    if word.isdigit() or len(word) <= 3:
        return word
    for suffix in _ISE:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + "is"  # realise, realized, realising -> realis
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and _can_strip(word, suffix):
            word = word[: -len(suffix)] + replacement
            break
    if len(word) > 2 and word[-1] == word[-2] and word[-1] not in "aeiouylsz":
        word = word[:-1]  # sett(ing) -> set, plann(ed) -> plan
    while len(word) > 3 and word.endswith("e"):
        word = word[:-1]  # agree, agrees and agreeing all become agr
    return word


def _can_strip(word: str, suffix: str) -> bool:
    rest = word[: -len(suffix)]
    if suffix == "ing":
        return len(rest) >= 2 and any(vowel in rest for vowel in "aeiouy")  # going, not bring
    if suffix == "es":
        return rest.endswith(("s", "x", "z", "ch", "sh"))  # matches, not notes
    if suffix == "s":
        return not word.endswith(("ss", "us", "is"))
    return len(rest) >= 3  # needed -> need, but need stays need


# Words by which a description speaks of the pair (see Description.mentions_pair).
_PAIR_STEMS = frozenset(
    stem(word)
    for word in ("mentor", "mentee", "mentoring", "mentorship", "mentored", "we", "us", "our",
                 "pair", "paired", "matched", "together", "session", "meeting", "met", "meet",
                 "both", "sir", "ma'am", "mtg", "catch-up", "each", "rapport")
)
# People who are often the mentor, named by their role ("Coach Dee and I are solid now").
_MAY_MENTOR = frozenset({"coach", "teacher", "tutor", "instructor", "director"})
# "a" and the like: someone not yet named (so "a coach" is not the mentor)
_INDEFINITE = frozenset({"a", "an", "another", "some"})
# the endings of words for people ("a parishioner", "an inspector", "a journalist", "a politician",
# "a referee")
_PERSON_ENDINGS = ("er", "or", "ist", "ian", "ee")
_MEETING_STEMS = frozenset(stem(word) for word in WORD_CLASSES["meetings"])
# What someone does in replying, or in not replying ("respond", "get back", "ignore"), as stems.
_REPLYING = tuple(tuple(stem(word) for word in entry.split())
                  for entry in (*WORD_CLASSES["reply"], "ignore"))
# Stems of starting (see Description.starts_to).
_STARTING = frozenset(stem(word) for word in ("start", "begin", "began", "begun"))
# Words that name mentoring itself (see Description.about_someone_else).
_MENTORING_STEMS = frozenset(
    stem(word)
    for word in ("mentor", "mentee", "mentoring", "mentorship", "mentored", "sir", "ma'am",
                 "madam", "mentors", "mentees")
)
# Every word of the pair, their mentoring or their meetings, made once: the reading asks it of
# word after word.
_OF_THE_PAIR_STEMS = _PAIR_STEMS | _MENTORING_STEMS | _MEETING_STEMS
# Words that pair someone with the writer ("matched with a young engineer").
_PAIRED = frozenset({"matched", "paired", "assigned", "allocated"})
# Words before "if" that make what follows a question told ("I wonder if", "not sure if").
_ASKING = frozenset(stem(word) for word in ("wonder", "ask", "sure", "know", "see", "check"))
# The words by which a phrase says who does it (see Description.says_who)...
_WHO_WORDS = frozenset({"i", "i'm", "i've", "i'd", "we", "we're", "we've", "we'd", "she", "she's",
                        "he", "he's", "they", "they're", "both", "neither", "sir", "ma'am",
                        "her", "his", "him"})
_WHO_STEMS = frozenset(stem(word) for word in ("mentor", "mentee"))
# ...and by which it names both of them (see Description.says_both).
# Words that open a clause before its subject ("but my boss ...") and the determiners before a
# subject that may be someone else's (see Description.told_of_outsider)...
_CLAUSE_OPENERS = frozenset({"and", "but", "so", "then", "also", "though", "although", "whereas",
                             "while", "meanwhile", "plus", "yet", "only", "just", "side", "note",
                             "separately", "sadly", "honestly", "unfortunately"})
_OUTSIDER_DETERMINERS = frozenset({"my", "the", "their", "your", "this", "that"})
# ...the words with which a clause puts what was told before down to someone ("that's about")...
_PUT_DOWN_TO = (("that's", "about"), ("that's", "down", "to"), ("that's", "because", "of"),
                ("it's", "about"), ("that", "is", "about"))
# ...who a role names that may be the mentor ("my old pupil supervisor dropped me")...
_MAY_MENTOR_HERE = _MAY_MENTOR | {"supervisor", "supervisors"}
# ...roles of people and bodies outside the pair beside _PEOPLE, and the endings of such words...
_ROLES = frozenset({"officer", "partner", "warden", "registrar", "secretary", "receptionist",
                    "admin", "administration", "staff", "committee", "panel", "officers",
                    "management", "leadership", "union", "association", "agency", "ministry",
                    "registry", "brigade", "regiment", "unit", "authority", "trust"})
_ROLE_ENDINGS = ("or", "ist", "ian")
# ..."he" and "she", who may stand for someone else, and "him" or "her", the other of the pair
# where a clause names them beside someone else...
_HE_OR_SHE = frozenset({"he", "he's", "she", "she's"})
_OF_THE_PAIR_WORDS = frozenset({"him", "her", "his", "scheme", "programme", "program"})
# ...and the words with which a clause starts at its verb, its subject told before it.
_STARTS_WITH_VERB = frozenset({"is", "are", "was", "were", "has", "have", "had", "keeps", "kept",
                               "never", "still", "won't", "doesn't", "didn't", "hasn't", "haven't",
                               "isn't", "wasn't", "can't", "couldn't", "will", "would", "always"})
# Words in a row with which a writer sets what they tell apart from the pair (see
# Description.disclaims_the_pair), and the words after them that are the writer's own part.
_DISCLAIMERS = (
    ("nothing", "to", "do", "with"), ("not", "because", "of"), ("separately",), ("unrelated",),
    ("separate", "note"),
    *(("not", "a", "mentoring", what) for what in ("issue", "problem", "matter")),
    # the other of the pair said not to be it ("but he is not the problem"); a bare "that's not
    # the problem" is no disclaimer: "we get on, that's not the problem" leads into a stall
    *((*who, "not", "the", what)
      for who in (("he", "is"), ("she", "is"), ("mentor", "is"), ("he's",), ("she's",))
      for what in ("problem", "issue")),
)
_NOT_DISCLAIMED = frozenset({"me", "myself", "anything", "each"})
_BOTH_WORDS = frozenset({"we", "we're", "we've", "we'd", "us", "both", "each", "our", "neither"})


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    clause = sentence = 0
    hyphen = False
    # Lower-case word by word: lowering the whole text could change its length and so the offsets.
    for match in _WORD.finditer(text.translate(_APOSTROPHES)):
        word = match.group().lower()
        if word == "-":
            hyphen = bool(tokens) and tokens[-1].end == match.start()
            continue
        if word in _CLAUSE_BREAKS:
            clause += 1
            sentence += word in _SENTENCE_BREAKS
            hyphen = False
            continue
        if word in {"but", "although", "though", "whereas"}:  # what follows is a new thought
            clause += 1
        elif word in _SUBJECTS and tokens and tokens[-1].word in {"and", "so", "then"}:
            clause += 1  # "... without me and we're stepping back": a new subject, a new clause
        joined = hyphen and bool(tokens) and tokens[-1].end == match.start() - 1
        tokens.append(
            Token(word, stem(word), match.start(), match.end(), clause, sentence, joined)
        )
        hyphen = False
    return tokens


# A phrase as the matcher sees it: a slot for each word, each slot the stems it may be (one for a
# plain word; for a word class, each of its words, some of several stems: "get hold of"), and
# GAP_SLOT where it says "...".
Slot = tuple[tuple[str, ...], ...]
GAP_SLOT: Slot = ((ANY_GAP,),)


@cache  # the loader checks and the model indexes the same few thousand phrases on every build
def phrase_stems(phrase: str) -> tuple[Slot, ...]:
    """The slots of a model phrase (see Slot): the stems a description must hold, in order."""
    slots: list[Slot] = []
    for index, part in enumerate(_CLASS.split(phrase)):  # text, class name, text, class name ...
        if index % 2:
            words = WORD_CLASSES.get(part, ())
            slots.append(tuple(tuple(token.stem for token in tokenize(word)) for word in words))
            continue
        for piece_index, piece in enumerate(part.split(ANY_GAP)):
            if piece_index:
                slots.append(GAP_SLOT)
            slots += [((token.stem,),) for token in tokenize(piece)]
    return tuple(slots)


def unknown_classes(phrase: str) -> list[str]:
    """The "{class}" names in a model phrase that are not word classes."""
    return [name for name in _CLASS.findall(phrase) if name not in WORD_CLASSES]


@cache
def _first_stems(slot: Slot) -> frozenset[str]:
    return frozenset(stems[0] for stems in slot)


@dataclass(frozen=True)
class Match:
    first: int  # indexes of the phrase's first and last token
    last: int
    negator: int | None  # index of the word that denies it ("not", "never", "n't" ...), if any
    ahead: bool  # only looked forward to ("we need to", "we will")
    past: bool  # in a stretch the description puts in the past
    hedged: bool
    partial: bool = False  # "nearly", "most of" ... just before it or inside it
    once: bool = False  # "one", "once" inside it or just after it: a single event
    words: int = 1  # how many of its words are the phrase's (not in a gap)
    positions: tuple[int, ...] = ()  # the indexes of those words
    tried: bool = False  # only tried ("I tried booking time"): an attempt, not how things are


class Description:
    """A visitor's text, tokenized once and indexed by stem so that looking up each of the model's
    phrases costs only the places where its first word occurs."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self._starts = [token.start for token in self.tokens]
        self._places: dict[str, list[int]] = {}
        for index, token in enumerate(self.tokens):
            self._places.setdefault(token.stem, []).append(index)
        self.past = _past_marks(self.tokens)
        # clauses that ask rather than tell ("How much time does it take each month?"), not
        # those said with a rising tone ("it's kind of fizzled?")
        self.asked: set[int] = set()
        for mark in _ASKED.finditer(text):
            if text[mark.end() : mark.end() + 1] in _QUOTE_MARKS:
                continue  # reported ("she asked 'so what now?'"), not asked
            last = bisect.bisect(self._starts, mark.start()) - 1
            clause = self.tokens[last].clause if last >= 0 else None
            first = next(
                (i for i in range(last, -1, -1) if self.tokens[i].clause != clause), -1
            ) + 1
            if clause is not None and self.tokens[first].word in _QUESTION_WORDS:
                self.asked.add(clause)
        # where a past marker itself begins: a phrase that starts with one ("used to mentor me")
        # is about the past by its own words, not put there by the words before it
        self._outsider_clauses: set[int] | None = None  # see told_of_outsider
        self.marker_at = [
            any(_words_at(self.tokens, i, marker) for marker in _PAST_STARTS.get(token.word, ()))
            for i, token in enumerate(self.tokens)
        ]

    def says_who(self, match: Match) -> bool:
        """Whether the phrase found says who does it ("she cancels", "we keep missing")."""
        return any(
            self.tokens[i].word in _WHO_WORDS or self.tokens[i].stem in _WHO_STEMS
            for i in match.positions
        )

    def says_both(self, match: Match) -> bool:
        """Whether it names both of the pair ("we keep cancelling", "neither of us chases")."""
        return any(self.tokens[i].word in _BOTH_WORDS for i in match.positions)

    def asks(self, index: int) -> bool:
        """Whether the word is in a clause that asks rather than tells: a question ("Where do I
        start?") or a question told ("she wondered whether I still needed her", "not sure if
        he wants a mentor")."""
        tokens = self.tokens
        clause = tokens[index].clause
        if clause in self.asked:
            return True
        for i in range(index - 1, -1, -1):
            if tokens[i].clause != clause:
                return False
            if tokens[i].word == "whether" or (
                tokens[i].word == "if" and i > 0 and tokens[i - 1].stem in _ASKING
            ):
                return True
        return False

    @property
    def writer_is_mentor(self) -> bool:
        """Whether the writer is the mentor ("my mentee", "I've mentored Jo for two years"), so
        that "she" and "he" are the mentee, and never the mentor's own mentor."""
        tokens = self.tokens
        mentor = stem("mentor")
        mine = {"my", "our"}
        if any(t.stem == mentor and i and tokens[i - 1].word in mine
               for i, t in enumerate(tokens)):
            return False  # "my mentor": the writer is the mentee
        return any(
            (t.stem == stem("mentee") and i and tokens[i - 1].word in mine)
            or (t.stem == mentor and t.word != "mentor" and t.word not in {"mentors", "mentor's"}
                and any(tokens[j].word in _ME for j in range(max(i - 3, 0), i)))
            or (t.word == "mentor" and self._i_am_a(i))
            for i, t in enumerate(tokens)
        )

    def _i_am_a(self, index: int) -> bool:
        """Whether the writer says they are what the word names ("I've been a rubbish mentor",
        "I'm a new mentor"), an adjective or two between; not "I've been given a mentor"."""
        tokens = self.tokens
        for article in range(index - 1, max(index - 4, 0) - 1, -1):
            if tokens[article].word in {"a", "an"}:
                verb = _word(tokens, article - 1)
                return verb in {"i'm", "am"} or (
                    verb in {"been", "was"} and _word(tokens, article - 2) in _ME
                )
            if tokens[article].clause != tokens[index].clause:
                return False
        return False

    def stands_for_mentee(self, index: int) -> bool:
        """Whether a pronoun at `index` stands for the mentee: the writer is the mentor, or the
        mentee is the one named last before it ("My mentee is lovely. She keeps cancelling")."""
        tokens = self.tokens
        if self._party(index) not in _PRONOUNS:
            return False
        if self.writer_is_mentor:
            return True
        for i in range(index - 1, -1, -1):
            if tokens[i].sentence < tokens[index].sentence - 1:
                return False
            if self._party(i) in _OTHER_OF_PAIR and self._subject_like(i):
                return tokens[i].stem == stem("mentee")
        return False

    @property
    def about_someone_else(self) -> bool:
        """Whether the text is about the writer and someone outside mentoring: it names no
        mentor, mentee or mentoring, but a person such as a line manager, a therapist or a
        personal trainer ("My line manager and I have one-to-ones every fortnight")."""
        if any(stem in self._places for stem in _MENTORING_STEMS):
            return False
        return any(
            self._party(i) in _PEOPLE - _MAY_MENTOR and self._subject_like(i)
            for i in range(len(self.tokens))
        )

    def starts_to(self, last: int) -> bool:
        """Whether the words end with starting and go on with what is started: "to" and a verb
        ("just beginning to trust myself"), a verb in -ing ("I'd just started trusting her") or
        "on" and a task ("they had just started on his reading goal"): the start of doing
        something, not of the pairing (not "we've just started meeting", "started mentoring")."""
        tokens = self.tokens
        if tokens[last].stem not in _STARTING or not _same_clause(tokens, last, last + 1):
            return False
        following = tokens[last + 1]
        if following.word in {"to", "on"}:
            return _same_clause(tokens, last, last + 2)
        return following.word.endswith("ing") and (
            following.stem not in _OF_THE_PAIR_STEMS
        )

    def _mostly_doing(self, index: int, first: int) -> bool:
        """Whether "mostly" or "largely" says what is done most, just before doing it ("mostly
        just getting to know each other"): the main thing, not a part of it ("mostly done")."""
        return (self.tokens[index].word in _MOSTLY and index < first
                and self.tokens[first].word.endswith("ing"))

    def strands_a_preposition(self, last: int) -> bool:
        """Whether the words end a clause about something, with its preposition left at the end
        ("the bit I actually signed up for, and ...", "what we'd agreed on."): they tell what the
        thing is, not where the pair are."""
        tokens = self.tokens
        return (
            _word(tokens, last + 1) in _STRANDED
            and _same_clause(tokens, last, last + 1)
            and not _same_clause(tokens, last + 1, last + 2)
        )

    def as_well_as_mentor(self, last: int) -> bool:
        """Whether the words go on to say the other is still a mentor too ("more a friend now as
        well as my mentor"): a friendship alongside the mentoring, not in place of it."""
        tokens = self.tokens
        for index in range(last + 1, min(last + 4, len(tokens) - 3)):
            if not _same_clause(tokens, last, index + 3):
                return False
            if [_word(tokens, index + k) for k in range(3)] == ["as", "well", "as"]:
                return tokens[index + 3].stem == "mentor" or (
                    _word(tokens, index + 3) in {"my", "a", "her", "his"}
                    and _same_clause(tokens, last, index + 4)
                    and tokens[index + 4].stem == "mentor"
                )
        return False

    def next_time(self, last: int) -> bool:
        """Whether the words end with "next" and go on with "time" ("what I'd say next time"):
        an occasion, not what comes next."""
        return self.tokens[last].word == "next" and _word(self.tokens, last + 1) == "time"

    def made_passive(self, match: Match) -> bool:
        """Whether the phrase starts with "was" or "were" that a verb in -ed just after it, not
        one of the phrase's words, makes passive ("I was introduced to my mentor last week": the
        pairing, not "was my mentor")."""
        verb = match.first + 1
        return (
            self.tokens[match.first].word in {"was", "were"}
            and verb < match.last
            and verb not in match.positions
            and self.tokens[verb].word.endswith("ed")
        )

    def names_an_aim_reached(self, first: int, last: int) -> bool:
        """Whether the words are in a clause that names what was just told as the aim, in the
        past ("Made the first team, which was what we were working towards", "she's made the
        squad, which is what we aimed for"): the goal reached, not one being worked on (not
        "which is what we're working towards")."""
        tokens = self.tokens
        start = self._clause_start(first)
        for opening in _NAMING_AN_AIM:
            if _words_at(tokens, start, opening):
                what = start + len(opening)
                return first >= what - 1 and (opening[1] == "was" or any(
                    token.word in _PAST_AIM
                    or (token.word.endswith("ed") and token.word not in _NOT_A_PAST_AIM)
                    for token in tokens[what : last + 1]
                ))
        return False

    def of_a_thing(self, index: int) -> bool:
        """Whether the clause of the word is about something someone has, not the pair nor their
        meetings: it starts "my", "our" ... and a word for neither ("my rating's been stuck at 1400
        for a year", "our choir has been rehearsing since September")."""
        start = self._clause_start(index)
        tokens = self.tokens
        if start + 1 >= index or tokens[start].word not in _POSSESSIVES:
            return False
        named = tokens[start + 1]
        word = named.word.split("'")[0]
        return stem(word) not in _OF_THE_PAIR_STEMS and (
            word not in _PEOPLE | _ANYONE | _OTHER_OF_PAIR and word not in FUNCTION_WORDS
        )

    def told_of_outsider(self, index: int) -> bool:
        """Whether the clause of the word tells of someone or something outside the pair as its
        subject ("My boss, on the other hand, is impossible to get hold of", "the Nursing Council
        never answers", "my supervising partner never replies"): its trouble is theirs, not the
        pair's. The subject is what the clause starts with, past "and", "but" and the like: the
        writer, "we" or a word of the pair or their meetings is the pair ("my mentor's boss keeps
        pulling him away": the mentor's trouble); a possessive or "the" and a word for a person by
        its role or ending, an organisation or something outside (`_OUTSIDERS`), or "the" and
        words with capitals (a named body), is someone else. A clause that starts with its verb
        ("..., is impossible to reach") has the subject of the clause before it in its sentence."""
        if self._outsider_clauses is None:
            self._outsider_clauses = self._clauses_of_outsiders()
        return self.tokens[index].clause in self._outsider_clauses

    def _clauses_of_outsiders(self) -> set[int]:
        tokens = self.tokens
        found: set[int] = set()
        # in this sentence, the subject that goes on past its clause, and the last clause's
        subject: str | None = None
        last: str | None = None
        before: list[int] = []  # the clauses of this sentence so far
        start = 0
        while start < len(tokens):
            end = start
            while end < len(tokens) and tokens[end].clause == tokens[start].clause:
                end += 1
            if start and tokens[start - 1].sentence != tokens[start].sentence:
                subject, last, before = None, None, []
            told = self._subject_of(start, end)
            if told == "he or she":
                told = last  # who the subject of a clause before in its sentence was
            if told == "verb":
                told = subject  # "My boss, on the other hand, is impossible ..."
            elif told is not None:
                # only a subject left without its verb goes on in the next clause that has one
                subject = told if self._named_alone(start, end) else None
            if told == "outsider" and self._names_the_pair(start, end):
                told = "pair"  # "the council has cut the funding for our mentoring scheme"
            last = told or last
            if told == "outsider":
                found.add(tokens[start].clause)
            elif before and self._put_down_to_outsider(start, end):
                found.update(before)  # "I've been angry lately, but that's about the committee"
            before.append(tokens[start].clause)
            start = end
        return found

    def _subject_of(self, start: int, end: int) -> str | None:
        """Who the clause tokens[start:end] names as its subject (see told_of_outsider): "pair",
        "outsider", "verb" (it starts with its verb) or None (neither: "on the other hand")."""
        tokens = self.tokens
        index = start
        while index < end and tokens[index].word in _CLAUSE_OPENERS:
            index += 1
        if index >= end:
            return None
        word = tokens[index].word
        if word in _HE_OR_SHE:
            return "he or she"  # whoever the clause before was about, else the pair
        if word in _PAIR or word in _PRONOUNS or tokens[index].stem in _OF_THE_PAIR_STEMS:
            return "pair"
        if word in _STARTS_WITH_VERB:
            return "verb"
        return self._named_after(index, end)

    def _named_after(self, index: int, end: int) -> str | None:
        """Whether a determiner at `index` ("my", "the") and the words after it, up to the verb
        (before `end`), name the pair or someone or something outside it (see told_of_outsider);
        None when neither or no determiner."""
        tokens = self.tokens
        word = tokens[index].word
        if word not in _OUTSIDER_DETERMINERS:
            return None
        named: list[int] = []
        for i in range(index + 1, min(index + 5, end)):
            if tokens[i].word in _STARTS_WITH_VERB or tokens[i].word in FUNCTION_WORDS or (
                named and tokens[i].word.endswith(("ing", "ed"))
            ):
                break  # (the verb: "the club's committee dropping me")
            named.append(i)
        if not named:
            return None
        if any(tokens[i].stem in _OF_THE_PAIR_STEMS or tokens[i].word.split("'")[0] in _PAIR
               or tokens[i].word in _PRONOUNS for i in named):
            return "pair"  # "my mentor's boss keeps pulling him away": the mentor's trouble
        head = tokens[named[-1]].word.split("'")[0]
        written = [self.text[tokens[i].start:tokens[i].end] for i in named]
        if head in _MAY_MENTOR_HERE:
            return None
        if (
            _a_role(head) or head in _OUTSIDERS
            or (word == "the" and all(w[:1].isupper() for w in written))
        ):
            return "outsider"
        return None

    def _named_alone(self, start: int, end: int) -> bool:
        """Whether the clause is a subject alone, its verb in a clause after ("My boss, ...")."""
        return not any(self.tokens[i].word in _STARTS_WITH_VERB or self.tokens[i].word.endswith(
            ("ed", "'s")) for i in range(start, end))

    def _names_the_pair(self, start: int, end: int) -> bool:
        """Whether the clause names the pair, their mentoring or their meetings anywhere, or the
        other of the pair as "him" or "her" ("the club moved him up to coach the firsts"): what
        someone else does to the pair is the pair's trouble."""
        return any(
            self.tokens[i].stem in _OF_THE_PAIR_STEMS or self.tokens[i].word in _OF_THE_PAIR_WORDS
            for i in range(start, end)
        )

    def _put_down_to_outsider(self, start: int, end: int) -> bool:
        """Whether the clause puts what the clause before told down to someone outside the pair
        ("..., but that's about the club's committee", "that's down to my landlord")."""
        tokens = self.tokens
        index = start
        while index < end and tokens[index].word in _CLAUSE_OPENERS:
            index += 1
        words = [tokens[i].word for i in range(index, min(index + 4, end))]
        for opening in _PUT_DOWN_TO:
            if tuple(words[: len(opening)]) == opening and index + len(opening) < end:
                return self._named_after(index + len(opening), end) == "outsider"
        return False

    @property
    def disclaims_the_pair(self) -> bool:
        """Whether the writer says outright that the trouble they tell is not the pair's ("but
        that's nothing to do with her", "rough day, but not because of her", "separately, my
        posting order has been stuck for weeks", "the acting manager is unresponsive: not a
        mentoring issue"): not of the writer ("nothing to do with me", an
        ending told as no fault of theirs)."""
        tokens = self.tokens
        return any(
            _words_at(tokens, index, words)
            and _word(tokens, index + len(words)) not in _NOT_DISCLAIMED
            for words in _DISCLAIMERS
            for index in range(len(tokens))
            if tokens[index].word == words[0]
        )

    @property
    def mentions_pair(self) -> bool:
        """Whether the text speaks of the pair at all: the mentor, the mentee, "we", meetings."""
        return any(stem in self._places for stem in _PAIR_STEMS)

    @property
    def may_be_of_the_pair(self) -> bool:
        """Whether the text speaks of the pair, of their meetings by any name ("five months of
        chats"), or of one other person, "he" or "she" ("She keeps cancelling on me"), who on a
        page about mentoring is most likely the other of the pair."""
        return self.mentions_pair or any(
            token.word in _SINGULAR_PRONOUNS or token.stem in _MEETING_STEMS
            for token in self.tokens
        )

    @property
    def stems(self) -> list[str]:
        """The distinct stems of the description, in the order they first occur."""
        return list(self._places)

    def quote(self, first: int, last: int) -> tuple[str, int, int]:
        start, end = self.tokens[first].start, self.tokens[last].end
        return self.text[start:end], start, end

    def phrase(self, first: int, last: int) -> tuple[int, int]:
        """The tokens first..last widened within their clause, a word at a time on each side
        (the right first), until they hold two words that mean something or PHRASE_WORDS words
        ("outgrown" -> "has outgrown me"), then without function words dangling at either end
        (it may start with a subject or a denial, and end with "me" or "each other out")."""
        tokens = self.tokens
        clause = tokens[first].clause
        start, end = first, last

        def meaningful() -> int:
            return sum(not _loose(tokens[i]) for i in range(start, end + 1))

        while end - start + 1 < PHRASE_WORDS and meaningful() < 2:
            before = (start, end)
            if end + 1 < len(tokens) and tokens[end + 1].clause == clause:
                end += 1
            if meaningful() < 2 and start > 0 and tokens[start - 1].clause == clause:
                start -= 1
            if (start, end) == before:
                break
        while start < first and _loose(tokens[start]) and tokens[start].word not in _SUBJECTS:
            start += 1
        while end > last and tokens[end].word in _DANGLING:
            end -= 1
        return start, end

    def find_all(self, slots: tuple[Slot, ...], first_stem: str | None = None) -> list[Match]:
        """Every place where the phrase's slots (see phrase_stems) occur in order, each word
        within `MAX_GAP` words of the one before and all in one clause, with the negating word
        before it if there is one. With `first_stem`, only the places starting with that stem."""
        matches = []
        starts = sorted({
            first
            for stem in _first_stems(slots[0])
            if first_stem is None or stem == first_stem
            for first in self._places.get(stem, ())
        })
        for first in starts:
            positions = self._follow(slots, first)
            if positions is None:
                continue
            clause = self.tokens[first].clause
            window = range(max(first - NEGATION_WINDOW, 0), positions[-1] + 1)
            around = [i for i in window if i not in positions and self.tokens[i].clause == clause]
            negators = [i for i in around if self.tokens[i].stem == NOT]
            hedged = any(self._hedges(i) for i in around if i < first)
            partial = any(
                self.tokens[i].word in _PARTIAL for i in around if i > first - PARTIAL_REACH
                and not self._mostly_doing(i, first)
            ) or any(  # "relies on me a lot less": a comparison, not so
                self.tokens[i].word in _LESS and self.tokens[i].clause == clause
                for i in range(positions[-1] + 1, min(positions[-1] + 4, len(self.tokens)))
            )
            after = range(positions[-1] + 1, min(positions[-1] + 3, len(self.tokens)))
            once = any(
                self.tokens[i].word in _ONCE and self.tokens[i].clause == clause
                for i in [*(i for i in around if i > first), *after]
            ) or (
                any(self.tokens[i].word in _ONE_MEETING and self._one_named(i) for i in positions)
                and not any(self.tokens[i].word in _AGAIN for i in positions)
            )
            matches.append(
                Match(first, positions[-1], negators[-1] if negators else None,
                      any(self._ahead(i) for i in around) or self._yet_to_come(first),
                      self.past[first] and not self.marker_at[first], hedged, partial, once,
                      len(positions), tuple(positions),
                      tried=any(self.tokens[i].word in _TRIED for i in around if i < first))
            )
        return matches

    def _one_named(self, index: int) -> bool:
        """Whether the meeting word at `index` is one meeting, named with "the", "our" and the
        like just before it or before one word that says which ("our session", "the October
        session", "my Tuesday call")."""
        tokens = self.tokens
        return any(
            tokens[i].word in _THE and tokens[i].clause == tokens[index].clause
            for i in range(max(index - 2, 0), index)
        )

    def _aimed_at_outsider(self, last: int) -> bool:
        """Whether what the words say is aimed at someone or something outside the pair, named
        just after them, after "with", "at", "about" and the like if any ("angry with the
        company", "gutted the council's cutting the funding", "upset about my boss")."""
        tokens = self.tokens
        index = last + 1
        if _word(tokens, index) in _AIMED_AT:
            index += 1
        if _word(tokens, index) in _THE:
            index += 1
        return _same_clause(tokens, last, index) and (
            self._owner(index) in _OUTSIDERS or self._party(index) in _OUTSIDERS
        )

    def felt_about_someone_else(self, first: int, last: int) -> bool:
        """Whether the words are a feeling whose object or cause the text names as someone or
        something outside the pair, so not the pair's ending: named after it ("abandoned by the
        deanery", "furious with myself", "angry at him" where "him" is the team lead), told in
        the clause before and pointed back to ("clients stopped paying; I've been angry about
        it"), or in a clause after it in its sentence that puts it on something and not on the
        other of the pair ("..., but that's business, not her", "but that's down to the club").
        A feeling about the other of the pair, the ending or nothing named still counts ("I feel
        abandoned", "gutted it's over")."""
        tokens = self.tokens
        if not any(tokens[i].word in _FEELINGS for i in range(first, last + 1)):
            return False
        if self._felt_by_someone_else(first) or self._felt_at(first, last):
            return True
        if _same_clause(tokens, last, last + 1) or first == 0:
            return False
        # a feeling alone at its clause's end goes on from one felt about someone else earlier in
        # its sentence ("dropped by a recruitment agency that went silent on him, and he's gutted")
        return any(
            tokens[i].word in _FEELINGS and self._felt_at(i, i)
            for i in range(self._clause_start(first) - 1, -1, -1)
            if tokens[i].sentence == tokens[first].sentence
        )

    def _felt_at(self, first: int, last: int) -> bool:
        """Whether the feeling at first..last is felt at someone or something apart from the pair
        named after it or put on them in a later clause (see felt_about_someone_else)."""
        tokens = self.tokens
        index = last + 1
        while _word(tokens, index) in _FEELINGS or _word(tokens, index) == "and":
            index += 1  # "angry and hurt about it"
        if _word(tokens, index) in _FELT_AT and _same_clause(tokens, last, index):
            return (
                self._felt_at_outsider(index + 1)
                or (_word(tokens, index) in _FELT_ABOUT and self._names_a_thing_apart(index + 1))
                or self._feeling_put_down(last)
            )
        return self._feeling_put_down(last)

    def _felt_by_someone_else(self, first: int) -> bool:
        """Whether the feeling's clause starts with someone or something named apart from the
        pair as who feels it ("the staff room is furious"; not "the whole thing left me gutted")."""
        start = self._clause_start(first)
        while start < first and self.tokens[start].word in _CLAUSE_OPENERS:
            start += 1
        return start < first and self._names_a_thing_apart(start)

    def _names_a_thing_apart(self, index: int) -> bool:
        """Whether the words from `index` name something with "the", "a" or a possessive that is
        neither of the pair, their meetings, the ending nor when it came ("upset about the
        restructure", "gutted about a client who walked"; not "sore about the whole thing",
        "upset with my mentor", "angry about the way it ended")."""
        tokens = self.tokens
        if _word(tokens, index) not in _THINGS_NAMED_WITH:
            return False
        index += 1
        named: list[Token] = []
        while (index < len(tokens) and len(named) < 3 and _same_clause(tokens, index - 1, index)
               and tokens[index].word not in FUNCTION_WORDS and tokens[index].word.isalpha()):
            named.append(tokens[index])
            index += 1
        return bool(named) and not any(
            token.stem in _OF_THE_PAIR_STEMS or token.word in _PAIR or token.word in _PRONOUNS
            or token.word in _OF_THE_PAIR_WORDS or token.word in _ENDED_WORDS
            or token.word in _WHEN_OR_WHOLE or token.word.endswith("ing")
            for token in named
        )

    def _felt_at_outsider(self, index: int) -> bool:
        tokens = self.tokens
        word = _word(tokens, index)
        if word in _REFLEXIVES:
            return True
        if word in _TOLD_BEFORE:
            start = self._clause_start(index)
            return start > 0 and self._tells_of_outsider(self._clause_start(start - 1), start)
        if word in _OUTSIDER_DETERMINERS or word in _THE:
            named = [tokens[i] for i in range(index + 1, min(index + 4, len(tokens)))
                     if _same_clause(tokens, index, i)]
            return self._named_after(index, self._clause_end(index)) == "outsider" or (
                any(_a_role(token.word) or token.word in _OUTSIDERS for token in named)
                and not any(token.stem in _OF_THE_PAIR_STEMS or token.word in _PAIR
                            for token in named)
            )  # ("a recruitment agency"; not "my mentor")
        return index < len(tokens) and (self._names_a_party(index) and self._outsider(index))

    def _tells_of_outsider(self, start: int, end: int) -> bool:
        """Whether the clause tokens[start:end] tells of someone or something outside the pair
        and names nothing of the pair ("two of my biggest clients stopped paying")."""
        tokens = self.tokens
        if any(tokens[i].stem in _OF_THE_PAIR_STEMS or tokens[i].word in _OF_THE_PAIR_WORDS
               or tokens[i].word in _HE_OR_SHE or tokens[i].word in _WE
               for i in range(start, end)):
            return False
        return self.told_of_outsider(start) or any(
            self._party(i) in _OUTSIDERS for i in range(start, end))

    def _feeling_put_down(self, last: int) -> bool:
        """Whether a later clause of the feeling's sentence puts it on something other than the
        other of the pair ("but that's business, not her", "but that's down to the club")."""
        tokens = self.tokens
        clause = tokens[last].clause
        for index in range(last + 1, len(tokens)):
            if tokens[index].sentence != tokens[last].sentence:
                return False
            if tokens[index].clause == clause or tokens[index - 1].clause == tokens[index].clause:
                continue
            at = index
            while _word(tokens, at) in _CLAUSE_OPENERS:
                at += 1
            opening = next((words for words in _THATS if _words_at(tokens, at, words)), None)
            if opening is None:
                continue
            after = at + len(opening)
            end = self._sentence_end(after)
            if any(tokens[i].stem == NOT and (
                _word(tokens, i + 1) in _OF_THE_PAIR_WORDS or _word(tokens, i + 1) in _WE
                or _word(tokens, i + 1) in {"me", "mentoring"}
                or (_word(tokens, i + 1) in _THE and tokens[min(i + 2, len(tokens) - 1)].stem
                    in _OF_THE_PAIR_STEMS)
            ) for i in range(after, end)):
                return True  # "that's them, not her"
            while _word(tokens, after) in {"down", "to", "about", "because", "of"}:
                after += 1
            if self._named_after(after, self._clause_end(after)) == "outsider" or (
                self._names_a_thing_apart(after)
            ):
                return True  # "but that's down to the club", "but that's the mods"
        return False

    def _clause_end(self, index: int) -> int:
        return self._end_of(index, "clause")

    def _sentence_end(self, index: int) -> int:
        return self._end_of(index, "sentence")

    def _end_of(self, index: int, unit: str) -> int:
        """The index just after the clause or sentence (`unit`, a Token field) holding `index`."""
        tokens = self.tokens
        end = min(index, len(tokens))
        while end < len(tokens) and getattr(tokens[end], unit) == getattr(tokens[index], unit):
            end += 1
        return end

    def outside(self, first: int, last: int, strict: bool = False) -> bool:
        """Whether the words first..last are about someone or something outside the pair: the
        party named last before them in their sentence is an outsider
        ("my flight to the meeting got cancelled", "the supplier never answers"), or one is named
        as the cause just after them ("upset by a customer", "cancelled because of the strike").
        A pronoun stands for the last party named before it, in its sentence or the one before.
        Words that start with a pronoun ("she never replies") are about whoever it stands for.
        `strict` (for an alarm): also when a person outside the pair is named anywhere before
        them in their clause ("an agent I queried in April still hasn't got back to me"), or
        somewhere else just after them ("things have stalled at work")."""
        tokens = self.tokens
        starts_with_pronoun = self._party(first) in _PRONOUNS and self._subject_like(first)
        # ...and words that start with the writer or "we" ("... and the department move I've
        # cancelled every session") are about them, whoever was named before
        starts_with_us = self._party(first) in _ME | _WE and self._subject_like(first)
        party = first if starts_with_pronoun or starts_with_us else self._party_before(first)
        if party is not None and self._outsider(party):
            return True
        if strict and self.told_of_outsider(first):
            return True  # "My boss, on the other hand, is impossible to get hold of"
        if strict and starts_with_pronoun and first > 0 and (
            tokens[first - 1].clause == tokens[first].clause
            and self._party(first - 1) in _OUTSIDERS
        ):
            return True  # "half the people she introduces me to never answer": about them
        if strict and not starts_with_pronoun and any(
            self._someone_else(i) or (tokens[i].word == "by" and self._someone_by(i + 1))
            for i in range(first - 1, -1, -1)
            if tokens[i].clause == tokens[first].clause
        ):
            return True  # (or who did it, after "by": "screamed at by a coach and upset")
        if any(self._owner(i) in _OUTSIDERS for i in range(max(first - 3, 0), first)):
            return True  # "the team's targets"
        if strict and self._named_other_acts(first):
            return True
        if strict and self.felt_about_someone_else(first, last):
            return True
        if strict and (self._relative_to_outsider(first, last) or self._not_by_us(last)
                       or self._kept_all_the_same(last)
                       or self._aimed_at_outsider(last)):
            return True
        clause = tokens[first].clause
        if strict and _word(tokens, last + 1) in {"at", "in"} and {
            _word(tokens, last + 2), _word(tokens, last + 3)
        } & _ELSEWHERE and tokens[min(last + 2, len(tokens) - 1)].clause == clause:
            return True  # "things have stalled at work"
        for index in range(last + 1, min(last + 1 + CAUSE_REACH, len(tokens))):
            if tokens[index].clause != clause:
                break
            if tokens[index].word in _CAUSES:
                cause = next(
                    (i for i in range(index + 1, min(index + 1 + CAUSE_REACH, len(tokens)))
                     if tokens[i].clause == clause
                     and (self._owner(i) in _OUTSIDERS or self._names_a_party(i))),
                    None,
                )  # the first party named after "by", "because" ... ("a customer's complaint")
                if cause is None:
                    return self._someone_by(index + 1)  # "hurt when a parishioner wrote"
                return self._owner(cause) in _OUTSIDERS or self._outsider(cause)
        return False

    def _named_other_acts(self, first: int) -> bool:
        """Whether the words start with what someone or something outside the pair does (not
        replying, ignoring), named just before them by a common noun or two ("hostel
        administration is not responding", "partner support still hasn't answered my ticket",
        "my HOD never replies"): not by a name, who may be the mentor ("Sarah never replies",
        so no word written with a capital and then small letters), nor by anything of the pair's
        ("her office never replies", "my mentor's PA"), nor by a meeting."""
        tokens = self.tokens
        index = first - 1
        while index >= 0 and tokens[index].word in _BEFORE_THE_DOING and (
            tokens[index].clause == tokens[first].clause
        ):
            index -= 1
        doing = first + 1 if tokens[first].stem == NOT else first
        being = {_word(tokens, i) for i in range(index + 1, first + 1)} & _BEING
        if not any(
            all(_same_clause(tokens, first, doing + k) and tokens[doing + k].stem == word
                for k, word in enumerate(words))
            for words in _REPLYING
        ) or (being and _word(tokens, doing).endswith(("ed", "en"))):
            return False  # (nor what is done to it: "my messages are never answered")
        index = self._before_a_contact_clause(index, tokens[first].clause)
        named: list[int] = []
        while (index >= 0 and len(named) < 3 and tokens[index].clause == tokens[first].clause
               and tokens[index].word not in _BEFORE_A_NAMED_OTHER):
            named.append(index)
            index -= 1
        at_start = index < 0 or tokens[index].clause != tokens[first].clause
        if not named or not (at_start or tokens[index].word in _BEFORE_A_NAMED_OTHER):
            return False
        return all(self._a_common_noun(i, alone=len(named) == 1) for i in named)

    def _before_a_contact_clause(self, index: int, clause: int) -> int:
        """Where the words end before a clause with no "who" or "that" which ends at `index` and
        tells who someone is to the writer ("the partner I work for", "the registrar we report
        to"), so the one named before it is who does what follows: else `index`."""
        tokens = self.tokens
        at = index - 1 if _word(tokens, index) in _STRANDED else index
        for verb_words in (1, 2):
            subject = at - verb_words
            if (subject > 0 and tokens[subject].word in {"i", "we"}
                    and all(tokens[i].clause == clause for i in range(subject - 1, index + 1))
                    and tokens[subject - 1].word not in _BEFORE_A_NAMED_OTHER):
                return subject - 1
        return index

    def _a_common_noun(self, index: int, alone: bool) -> bool:
        """Whether the word is a common noun for no one of the pair: written in small letters
        (or all in capitals, "HOD"), or capitalised only as the first of several words that
        start a sentence ("Hostel administration"; "Admin" alone may be a name)."""
        tokens = self.tokens
        token = tokens[index]
        written = self.text[token.start:token.end]
        starts_sentence = index == 0 or tokens[index - 1].sentence != token.sentence
        return not (
            token.word in _NEVER_A_NAME or "'" in token.word
            or (self._names_a_party(index) and self._party(index) not in _OUTSIDERS)
            or token.stem in _OF_THE_PAIR_STEMS
            or token.word.endswith(("ed", "ing")) or not token.word.isalpha()
            or (written[:1].isupper() and not written.isupper()
                and (alone or not starts_sentence))
        )

    def _clause_start(self, index: int) -> int:
        tokens = self.tokens
        while index > 0 and tokens[index - 1].clause == tokens[index].clause:
            index -= 1
        return index

    def _relative_to_outsider(self, first: int, last: int) -> bool:
        """Whether the words are in a clause that goes on from one about someone outside the pair
        ("my best friend at work is leaving, which I'm far more upset about", "one of the
        volunteers has quit, which upset her", "the venue is closing down, gutted about that"):
        the first party the clause before names."""
        tokens = self.tokens
        start = self._clause_start(first)
        if start == 0 or not (
            tokens[start].word in {"which", "who"}
            or (_word(tokens, last + 1) == "about"
                and _word(tokens, last + 2) in {"that", "it", "this"})
        ):
            return False  # (nor "gutted about that", said of what the clause before tells)
        if tokens[start - 1].sentence != tokens[start].sentence:
            return False
        before = self._clause_start(start - 1)
        named = next(
            (i for i in range(before, start)
             if self._party(i) in _PAIR or self._party(i) in _PRONOUNS
             or self._party(i) in _OUTSIDERS),
            None,
        )
        return named is not None and self._party(named) in _OUTSIDERS

    def _not_by_us(self, last: int) -> bool:
        """Whether the clause after the words says the pair did not do it ("our first meeting kept
        getting pushed back, but not by either of us")."""
        tokens = self.tokens
        after = last + 1
        while after < len(tokens) and tokens[after].clause == tokens[last].clause:
            after += 1
        if after >= len(tokens) or tokens[after].sentence != tokens[last].sentence:
            return False
        words = [tokens[i] for i in range(after, min(after + 3, len(tokens)))
                 if tokens[i].clause == tokens[after].clause]
        return any(one.stem == NOT and other.word == "by"
                   for one, other in itertools.pairwise(words))

    def _kept_all_the_same(self, last: int) -> bool:
        """Whether the clause after the words says the meetings were kept all the same ("I've
        been flat out, but I made both visits", "swamped, yet we kept every session"): the
        trouble did not keep the pair apart."""
        tokens = self.tokens
        after = last + 1
        while after < len(tokens) and tokens[after].clause == tokens[last].clause:
            after += 1
        if (after >= len(tokens) or tokens[after].sentence != tokens[last].sentence
                or tokens[after].word not in {"but", "yet"}):
            return False
        words = [i for i in range(after + 1, min(after + 6, len(tokens)))
                 if tokens[i].clause == tokens[after].clause]
        return any(
            tokens[i].word in _KEPT and any(tokens[j].stem in _MEETING_STEMS
                                            for j in words if i < j <= i + 3)
            for i in words
        )

    def _someone_else(self, index: int) -> bool:
        """Whether the word names a person outside the pair as who its clause is about ("an
        agent I queried", "a parent's complaint"), not what the mentor is ("my mentor is a
        director")."""
        named = self._owner(index) or (self._party(index) if self._subject_like(index) else "")
        return (named in _PEOPLE | _ANYONE and named not in _MAY_MENTOR
                and not self._says_what(index) and not self._matched_with(index))

    def _someone_by(self, index: int) -> bool:
        """Whether the words from `index` name someone outside the pair as who did something
        ("by a coach", "when a parishioner wrote"): a person word, or "a"/"an" and a word for
        someone by its ending (_PERSON_ENDINGS), never one of the pair nor one of
        their meetings ("when a session got moved")."""
        tokens = self.tokens
        if index >= len(tokens):
            return False
        article = tokens[index].word in _INDEFINITE
        for i in range(index + article, min(index + article + 2, len(tokens))):
            if tokens[i].clause != tokens[index].clause or (
                self._party(i) in _PAIR or self._party(i) in _PRONOUNS
            ):
                return False
            word = tokens[i].word
            if word in _PEOPLE | _ANYONE and (article or word not in _MAY_MENTOR):
                return True
            if article and len(word) > 4 and word.endswith(_PERSON_ENDINGS) and (
                word not in FUNCTION_WORDS and stem(word) not in _MEETING_STEMS
            ):
                return True
        return False

    def _matched_with(self, index: int) -> bool:
        """Whether the word names the other of the pair by what they do, just after the words that
        pair them ("mentoring a junior doctor", "matched with a young engineer")."""
        tokens = self.tokens
        return any(
            tokens[i].clause == tokens[index].clause
            and (tokens[i].stem in _MENTORING_STEMS or tokens[i].word in _PAIRED)
            for i in range(max(index - 3, 0), index)
        )

    def _says_what(self, index: int) -> bool:
        """Whether the word says what someone is ("my mentor is a director", "she's a vet"),
        naming nobody new."""
        tokens = self.tokens
        if index < 2 or tokens[index - 1].word not in {"a", "an"}:
            return False
        verb = tokens[index - 2].word
        return verb in {"is", "was", "am", "are", "were"} or verb.endswith("'s")

    def _names_a_party(self, index: int) -> bool:
        word = self._party(index)
        return word in _PAIR or word in _PRONOUNS or word in _OUTSIDERS

    def _owner(self, index: int) -> str:
        """Who owns what follows, if the word is a possessive ("the team's targets": team)."""
        word = self.tokens[index].word
        return word[:-2] if word.endswith("'s") and self._party(index) == "" else ""

    def _party(self, index: int) -> str:
        following = self.tokens[index + 1] if index + 1 < len(self.tokens) else None
        return _party_word(self.tokens[index], following)

    def _subject_like(self, index: int) -> bool:
        """A word naming a party, not inside a phrase such as "in the company" nor an object."""
        if not self._names_a_party(index) or self.tokens[index].word in _OBJECTS:
            return False
        tokens = self.tokens
        return not any(
            tokens[i].word in _PREPOSITIONS and tokens[i].clause == tokens[index].clause
            for i in range(max(index - 3, 0), index)
        )

    def _party_before(self, index: int) -> int | None:
        """The last word naming a party before `index` in its sentence."""
        tokens = self.tokens
        for i in range(index - 1, -1, -1):
            if tokens[i].sentence != tokens[index].sentence:
                return None
            if self._subject_like(i):
                return i
        return None

    def _outsider(self, index: int) -> bool:
        """Whether the party named at `index` is outside the pair. "He", "she", "we" and the like
        stand for the other person last named before them, in their sentence or the one before
        ("I've been seeing a therapist and we've set goals": not a mentoring pair's goals), and
        "X and I" for X."""
        tokens = self.tokens
        word = self._party(index)
        if word in _OUTSIDERS:
            return True
        if word in _ME:
            joined = index >= 2 and tokens[index - 1].word == "and"
            return joined and self._party(index - 2) in _OUTSIDERS
        if word not in _PRONOUNS and word not in _WE:
            return False
        reach = 0 if word in _WE else 1  # "we": the other half is named in the same sentence
        for i in range(index - 1, -1, -1):
            if tokens[i].sentence < tokens[index].sentence - reach:
                return False
            named = self._party(i)
            if named in _MANY_PEOPLE and word in _SINGULAR_PRONOUNS:
                continue
            if (named in _PEOPLE | _ANYONE or named in _OTHER_OF_PAIR) and self._subject_like(i):
                if self._says_what(i):
                    continue  # "my mentor is a director ... his agenda": still the mentor
                if self._matched_with(i):
                    return False  # "I've had to stop mentoring a junior doctor ... she": the
                    # other of the pair, named by what they do
                return named in _PEOPLE | _ANYONE
        return False

    def _yet_to_come(self, first: int) -> bool:
        """Whether the words come, in their clause, after "once" or "until" and someone doing
        something now or having done it ("once we've each thought about what we want from this",
        "once he knows me"): what they say waits for that, so is not so yet. Not after a past
        ("once we'd agreed goals")."""
        tokens = self.tokens
        start = self._clause_start(first)
        for i in range(max(start, first - YET_TO_COME_REACH), first - 1):
            if tokens[i].word not in _UNTIL:
                continue
            who, doing = tokens[i + 1].word, _word(tokens, i + 2)
            if who in _HAVING_DONE or (
                (who in _ME | _WE or who in _SINGULAR_PRONOUNS | {"they"})
                and not who.endswith("'d") and doing not in _PAST_FORMS
                and not doing.endswith("ed")
            ):
                return True
        return False

    def _hedges(self, index: int) -> bool:
        word = self.tokens[index].word
        before = self.tokens[index - 1].word if index > 0 else ""
        return word in _HEDGES or (word in _HEDGES_AFTER_I and before == "i")

    def _ahead(self, index: int) -> bool:
        token = self.tokens[index]
        following = self.tokens[index + 1].word if index + 1 < len(self.tokens) else ""
        if token.word.endswith("'ll") and following in _SAYING:
            return False  # "I'll admit I still resent it": said now, not looked forward to
        if token.word in _AHEAD or token.word.endswith("'ll"):
            return True
        return (token.word, following) in _AHEAD_PAIRS or (
            token.word in _AHEAD_BEFORE_TO and following == "to"
        )

    def _follow(self, slots: tuple[Slot, ...], first: int) -> list[int] | None:
        """Where the phrase's words are when its first is at `first`: each slot filled where it
        starts soonest (by its longest words there), its first word within MAX_GAP words of the
        slot before (after GAP_SLOT: anywhere later in the clause); None if they are not all
        there."""
        positions = self._words(slots[0], first)
        if positions is None:
            return None
        clause = self.tokens[first].clause
        reach = MAX_GAP
        for slot in slots[1:]:
            if slot == GAP_SLOT:
                reach = len(self.tokens)
                continue
            firsts = _first_stems(slot)
            found = None
            for index in range(positions[-1] + 1, min(positions[-1] + 2 + reach, len(self.tokens))):
                if self.tokens[index].clause != clause and not (
                    index == positions[-1] + 1 and self.tokens[index].word == "but"
                    and ("but",) in slot
                    and self.tokens[index].sentence == self.tokens[first].sentence
                ):
                    break  # ("busy but ..." goes on past the clause that "but" starts)
                if self.tokens[index].stem in firsts:
                    found = self._words(slot, index)
                    if found is not None:
                        break
                if reach > MAX_GAP and self._party(index) in _NAMED:
                    break  # a gap does not pass someone else ("mentee ... mentor has cancelled")
            if found is None:
                return None
            positions += found
            clause = self.tokens[found[-1]].clause
            reach = MAX_GAP
        return positions

    def _words(self, slot: Slot, first: int) -> list[int] | None:
        """Where the longest of the slot's words that starts at `first` is, or None."""
        best: list[int] | None = None
        for stems in slot:
            if stems[0] != self.tokens[first].stem or len(stems) <= len(best or ()):
                continue
            positions = [first]
            for wanted in stems[1:]:
                previous = positions[-1]
                found = next(
                    (
                        i
                        for i in range(previous + 1, min(previous + 2 + MAX_GAP, len(self.tokens)))
                        if self.tokens[i].stem == wanted
                        and self.tokens[i].clause == self.tokens[first].clause
                    ),
                    None,
                )
                if found is None:
                    break
                positions.append(found)
            else:
                best = positions
        return best


def _a_role(word: str) -> bool:
    """Whether the word names someone outside the pair by their role ("boss", "warden", "officer")
    or by an ending only words for people have ("therapist", "librarian", "assessor"; not "-er":
    "folder", "paper", "October"), and is not often the mentor (a coach, a teacher)."""
    return word not in _MAY_MENTOR_HERE and word not in FUNCTION_WORDS and (
        word in _PEOPLE or word in _ROLES
        or (len(word) > 5 and word.endswith(_ROLE_ENDINGS))
    )


def _party_word(token: Token, following: Token | None = None) -> str:
    """The word as it names a party: "the supplier's been hopeless" names the supplier, but
    "her manager's peer" names nobody (a possessive: the peer is who it is about)."""
    word = token.word
    if word in _PAIR or word in _PRONOUNS or "'" not in word:
        return word
    if word.endswith("'s") and following is not None and not _after_is(following.word):
        return ""
    return word.split("'")[0]


def _after_is(word: str) -> bool:
    """Whether a word reads as following "is" or "has" ("she's been", "it's gone"), not a noun
    owned by what came before."""
    return word in _AFTER_IS or word.endswith(("ed", "ing", "n't", "en"))


def _loose(token: Token) -> bool:
    """A function word that a quote need not begin or end with (never a denial)."""
    return token.stem != NOT and token.word in FUNCTION_WORDS


def _past_marks(tokens: list[Token]) -> list[bool]:
    """For each token, whether the description puts it in the past: from a past marker ("at
    first", "in the beginning") to the end of its sentence or the next present marker ("now")."""
    marks = [False] * len(tokens)
    past = False
    sentence = -1
    only_clause: int | None = None  # "having got to know each other, we ...": its clause only
    for index, token in enumerate(tokens):
        if token.sentence != sentence:
            sentence, past = token.sentence, False
        if only_clause is not None and token.clause != only_clause:
            past, only_clause = False, None
        if token.word in _PRESENT_MARKERS:
            past = False
        elif any(_words_at(tokens, index, marker) for marker in _PAST_STARTS.get(token.word, ())):
            past = True
            only_clause = token.clause if token.word in {"having", "after"} else None
            # "she helped me define my goals early on": the marker covers its clause's start too
            start = index
            while start > 0 and tokens[start - 1].clause == token.clause and not marks[start - 1]:
                if tokens[start - 1].word in _PRESENT_MARKERS:
                    break
                start -= 1
            for earlier in range(start, index):
                marks[earlier] = True
        marks[index] = past
    return marks


def _words_at(tokens: list[Token], index: int, words: tuple[str, ...]) -> bool:
    return all(
        index + offset < len(tokens) and tokens[index + offset].word == word
        for offset, word in enumerate(words)
    )


# -- time together ---------------------------------------------------------------------------------

# A school term is some four months ("our first term", "two terms in"): a unit many pairs in
# education count their time by.
_UNIT_MONTHS = {"day": 1 / 30, "week": 12 / 52, "fortnight": 12 / 26, "month": 1.0, "year": 12.0,
                "season": 12.0, "decade": 120.0, "term": 4.0}
# fmt: off
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "few": 3, "couple": 2, "several": 4, "many": 5,
}
_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}
_SEASONS = {"spring": 4, "summer": 7, "autumn": 10, "fall": 10, "winter": 1}
# fmt: on
# Words before an amount that make it a frequency, a future or a part ("every two weeks", "in a
# month", "for another year", "once a month").
_NOT_DURATION_BEFORE = frozenset(
    {"every", "each", "per", "once", "twice", "thrice", "times", "next", "another", "within",
     "extra", "further", "remaining", "first", "in"}
)
# ... but "we're in month seven", "she is in week 10" say where the pair are now.
_BEING_IN = frozenset({"we're", "we", "are", "is", "i'm", "am", "now", "she's", "he's", "they're"})
_NOT_DURATION_AFTER = frozenset({"later", "left", "more", "to", "old", "of", "each", "apart"})
# Words near an amount that make it the length of something else: a programme, a job, leave.
_OTHER_THINGS = frozenset({
    "programme", "scheme", "contract", "course", "placement", "internship", "cohort", "pilot",
    "leave", "sick", "maternity", "paternity", "sabbatical", "secondment", "holiday", "vacation",
    "break", "gap", "job", "role", "company", "firm", "career", "industry", "experience",
    "position", "post", "degree", "school", "university", "apprenticeship", "age", "old",
    "married", "lasts", "runs", "running", "length", "duration",
    "notice", "deadline", "due", "probation", "away", "abroad", "off", "retire", "retired",
    "promotion", "promoted",
})
# Words near it that make it time together.
# Words that name how a pair was brought together ("through the scheme"), and how far before the
# scheme they may come ("through the orchestra's young players scheme").
_THE_WAY_IN = frozenset({"through", "thru", "via"})
_SCHEMES = frozenset({"programme", "program", "scheme", "pilot", "cohort"})
WAY_IN_REACH = 5
# What may stand between the other of the pair and the length of time that is theirs.
_FOR_OR_SINCE = frozenset({"for", "since"})
_WRITERS = frozenset({"my", "our"})
_TOGETHER = frozenset({
    "together", "mentor", "mentoring", "mentored", "mentee", "met", "meet", "meeting", "matched",
    "paired", "known", "know", "started", "began", "begin", "relationship", "since",
    "working", "with", "been", "partnership", "sessions", "ago",
})
_END_WORDS = frozenset({"end", "ended", "finish", "finished", "stop", "stopped", "clos", "closed",
                        "wrapped", "over", "since"})
# Words that date the start ("matched in September"); not "meeting in January", a plan.
_START_WORDS = frozenset({"started", "began", "matched", "paired", "met", "introduced",
                          "assigned", "allocated", "joined"})
CONTEXT = 5
# "nearly" or "almost" an amount: just under it.
NEARLY = 0.96
# The longest span (months) taken as time together when no word near it says it is.
UNSAID_LONGEST = 60


@dataclass(frozen=True)
class TimeMention:
    months: float
    first: int  # indexes of its first and last token
    last: int
    together: bool  # its words say it is time together


def time_together(description: Description, today: date) -> TimeMention | None:
    """How long the pair has been together, if the description says: the longest stretch that is
    not a frequency, a future, or the length of something else (a programme, a job, leave)."""
    tokens = description.tokens
    found = _amounts(tokens) + _dates(tokens, today)
    mentions = [
        mention for mention in found
        if not description.past[mention.first] and not _denied_before(tokens, mention.first)
        and not description.of_a_thing(mention.first)
    ]
    if not mentions:
        return None
    together = [mention for mention in mentions if mention.together]
    if not together:
        # Without words saying so, a span longer than mentoring usually lasts is somebody's
        # career ("she has taught chemistry for thirty years"), not time together.
        mentions = [mention for mention in mentions if mention.months <= UNSAID_LONGEST]
    return max(together or mentions, key=lambda mention: mention.months, default=None)


def told_with_the_pair(tokens: list[Token], first: int) -> bool:
    """Whether a length of time starting at `first` follows the writer's other of the pair closely
    in its clause ("Apprentice plumber, with my mentor since September", "been my mentor for two
    years"): the pair's time, whoever the sentence named before it (but "a scheme that pairs each
    participant with a senior mentor for nine months" names no pair of the writer's)."""
    pair = first - 2 if _word(tokens, first - 1) in _FOR_OR_SINCE else first - 1
    return _same_clause(tokens, first, pair) and tokens[pair].word in _OTHER_OF_PAIR and (
        _word(tokens, pair - 1) in _WRITERS
    )  # (not "my mentor is retiring six months early because the firm ...": the firm's doing)


def months_given(description: Description, today: date) -> float:
    """The most months the text gives the pair: time together, or a span such as "in four months"
    ("a single coffee in four months"), which time together leaves out as a future or a part."""
    mentions = _amounts(description.tokens, spans=True)
    together = time_together(description, today)
    mentions += [] if together is None else [together]
    return max(
        (m.months for m in mentions
         if not description.outside(m.first, m.last) and not description.of_a_thing(m.first)),
        default=0.0,
    )  # (not "her HR has not replied for three months", "my rating's been stuck for a year")


def _denied_before(tokens: list[Token], first: int) -> bool:
    """Whether a length of time is what did not happen ("we haven't been mentor and mentee for
    six months", "not met for three weeks"): the time since, not time together."""
    return any(
        tokens[i].stem == NOT and tokens[i].clause == tokens[first].clause
        for i in range(max(first - NEGATION_WINDOW, 0), first)
    )


def _amounts(tokens: list[Token], spans: bool = False) -> list[TimeMention]:
    """Amounts of time such as "three weeks ago", "for two years", "12 months", "3 wks", "two and a
    half years", "half a year" or "month 11 of 12". With `spans`, also those after "in" ("one
    meeting in four months"), which are otherwise a future ("in a month")."""
    mentions = []
    for index, token in enumerate(tokens):
        unit = _UNIT_MONTHS.get(token.stem)
        if unit is None:
            continue
        # "Pair 18, month 11": the 18 is not an amount of months, the 11 is.
        amounts = [
            amount
            for amount in (_amount_before(tokens, index), _ordinal(tokens, index))
            if amount is not None and tokens[amount[1]].clause == token.clause
        ]
        if not amounts:
            continue
        count, first = amounts[0]
        ordinal = first == index
        last = index + 1 if ordinal else index
        if _word(tokens, index + 1) == "and" and _word(tokens, index + 2) in {"a", "an"} and (
            _word(tokens, index + 3) == "half"
        ):
            count, last = count + 0.5, index + 3  # a year and a half
        if _rate(tokens, first):
            continue  # "35 miles a week", "three times a month": how much per week
        before = _word(tokens, first - 1)
        in_it_now = (before == "in" and ordinal and _word(tokens, first - 2) in _BEING_IN
                     and _word(tokens, last + 1) != "of")  # not "in week 20 of the programme"
        if token.hyphen_before or (before in _NOT_DURATION_BEFORE and not in_it_now
                                   and not (spans and before == "in")):
            continue  # a nine-month programme, every two weeks
        if before in {"or", "to"} and _number(tokens, first - 2) is not None and (
            _word(tokens, first - 3) in _NOT_DURATION_BEFORE
        ):
            continue  # "every two or three months", "within one to two weeks": the same
        after = _word(tokens, last + 1) if _same_clause(tokens, last, last + 1) else ""
        of_together = after == "of" and tokens[min(last + 2, len(tokens) - 1)].stem in _TOGETHER
        if not ordinal and after in _NOT_DURATION_AFTER and not of_together:
            continue  # "years of experience", but "four years of mentoring" is time together
        if after == "ago" and _near(tokens, first, last, _END_WORDS, before=8):
            continue  # ended two years ago: the time since the end
        if after == "since" and any(
            _same_clause(tokens, last, i) and tokens[i].stem in _END_WORDS
            for i in range(last + 2, last + 2 + CONTEXT)
        ):
            continue  # "18 months since our mentoring ended": the time since the end
        if after == "as" and _word(tokens, last + 2) in {"a", "an"}:
            continue  # "my first year as a team leader": a role's time
        if _word(tokens, first - 1) in {"nearly", "almost"}:
            count *= NEARLY  # "nearly a year" is not a year yet
        into = after in {"into", "in"}  # "three months into the scheme"
        # "eleven months since the scheme paired us": time since the pair began
        since_start = after == "since" and any(
            _same_clause(tokens, last, i) and tokens[i].word in _START_WORDS
            for i in range(last + 2, last + 2 + CONTEXT)
        )
        if not into and not since_start and _near(
            tokens, first, last, _OTHER_THINGS, skip=lambda i: _the_way_in(tokens, i)
        ):
            continue
        together = since_start or after in {"ago", "in", "now"} or _near(
            tokens, first, last, _TOGETHER
        )
        mentions.append(TimeMention(count * unit, first, last, together))
    return mentions


def _rate(tokens: list[Token], first: int) -> bool:
    """Whether an amount of time starting at `first` is "a" or "an" after a count of something
    ("35 miles a week", "two calls a month"): a rate, not a length of time."""
    if _word(tokens, first) not in {"a", "an"}:
        return False
    return any(
        _same_clause(tokens, first, i) and _word(tokens, i) not in {"a", "an"}
        and _number(tokens, i) is not None
        for i in (first - 2, first - 3)
    ) and _word(tokens, first - 1) not in _PREPOSITIONS


def _same_clause(tokens: list[Token], one: int, other: int) -> bool:
    return 0 <= other < len(tokens) and tokens[one].clause == tokens[other].clause


def _near(
    tokens: list[Token], first: int, last: int, words: frozenset[str], before: int = CONTEXT,
    skip: Callable[[int], bool] = lambda index: False,
) -> bool:
    clause = tokens[first].clause
    around = list(range(max(first - before, 0), first)) + list(
        range(last + 1, min(last + 1 + 3, len(tokens)))
    )
    return any(
        tokens[i].clause == clause and (tokens[i].word in words or tokens[i].stem in words)
        and not skip(i)
        for i in around
    )


def _the_way_in(tokens: list[Token], index: int) -> bool:
    """Whether the word at `index` names what brought the pair together, after "through" or
    "via" ("she's been my mentor through the orchestra's young players scheme for two years"):
    the time is the pair's, not the scheme's length."""
    return tokens[index].word in _SCHEMES and any(
        _same_clause(tokens, index, i) and tokens[i].word in _THE_WAY_IN
        for i in range(max(index - WAY_IN_REACH, 0), index)
    )  # (not "through my first season running the place": a season's running)


# The units a year is counted in: "first year", "second term" alone say the pair's time.
_SCHOOL_UNITS = frozenset({"year", "term"})
# ...and words after any unit that make it the pair's ("First month with my mentor").
_WITH_THE_PAIR = frozenset({"with"})
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
             "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "1st": 1, "2nd": 2, "3rd": 3}


def _ordinal(tokens: list[Token], unit_index: int) -> tuple[float, int] | None:
    """"month 11 (of 12)", "week ten", "our third year": the count so far, as an amount that
    ends mid-way through the unit."""
    after = _number(tokens, unit_index + 1)
    unit = tokens[unit_index].stem
    # "month 3", "week 10", "yr 2"; not "Year 12", a school year
    counted = unit in {"week", "month"} or (unit == "year" and after is not None and after <= 6)
    if after is not None and counted and _word(tokens, unit_index - 1) not in {
        "a", "per", "every", "each"
    }:
        return after - 0.5, unit_index
    before = _word(tokens, unit_index - 1)
    # "our third week", or a year or term that opens its clause ("First term with my mentor.",
    # "Pair 7 (second year)"), or any unit that opens it with the other of the pair ("First month
    # with my mentor."); not "a first week back", "every second week", nor a stretch in the
    # plural ("through my first years coaching": no count of them)
    opens = (unit in _SCHOOL_UNITS or _word(tokens, unit_index + 1) in _WITH_THE_PAIR) and (
        not _same_clause(tokens, unit_index - 1, unit_index - 2)
    )
    plural = tokens[unit_index].word.endswith("s")
    if before in _ORDINALS and not plural and (opens or _word(tokens, unit_index - 2) in {
        "our", "the", "my", "his", "her", "their", "its"
    }):
        return _ORDINALS[before] - 0.5, unit_index - 1
    return None


def _amount_before(tokens: list[Token], unit_index: int) -> tuple[float, int] | None:
    """The number in front of a unit and the index where it starts, or None."""
    i = unit_index - 1
    if _word(tokens, i) == "of":  # a couple of years
        i -= 1
    if _word(tokens, i) in {"a", "an"} and _word(tokens, i - 1) == "half":
        return 0.5, i - 1  # half a year
    if _word(tokens, i) == "half" and _word(tokens, i - 1) == "a" and _word(tokens, i - 2) == "and":
        whole = _number(tokens, i - 3)  # two and a half years
        return (whole + 0.5, i - 3) if whole is not None else None
    count = _number(tokens, i)
    if count is None:
        return None
    if _word(tokens, i - 1) in {"twenty", "thirty", "forty"} and count < 10:
        return _NUMBERS[_word(tokens, i - 1)] + count, i - 1  # twenty-four months
    if _word(tokens, i) in {"few", "couple"} and _word(tokens, i - 1) in {"a", "an"}:
        return count, i - 1
    if _word(tokens, i) in {"a", "an"} and _word(tokens, i - 1) in {"than", "almost", "nearly",
                                                                    "over", "just", "about"}:
        return count, i
    return count, i


def _number(tokens: list[Token], index: int) -> float | None:
    word = _word(tokens, index)
    if word.replace(".", "", 1).isdigit():
        return float(word)
    value = _NUMBERS.get(word)
    return None if value is None else float(value)


def _word(tokens: list[Token], index: int) -> str:
    return tokens[index].word if 0 <= index < len(tokens) else ""


def _dates(tokens: list[Token], today: date) -> list[TimeMention]:
    """"since March", "since last autumn", "started in September 2025", "since 2024": the months
    from then to `today`."""
    mentions = []
    for index, token in enumerate(tokens):
        if token.word not in {"since", "in", "from", "back"}:
            continue
        if token.word != "since" and not _near(tokens, index, index, _START_WORDS, before=4):
            continue
        j = index + 1
        if _word(tokens, j) in {"last", "early", "late", "the"}:
            j += 1
        word = _word(tokens, j)
        year = _year(_word(tokens, j + 1))
        before_last = _word(tokens, j + 1) == "before" and _word(tokens, j + 2) == "last"
        if word in _MONTHS or word in _SEASONS:
            if word == "may" and token.word != "since":
                continue  # "in may" is too often the verb
            month = _MONTHS.get(word) or _SEASONS[word]
            if year is None:
                year = today.year if (month, 1) <= (today.month, today.day) else today.year - 1
                if _word(tokens, index + 1) == "last" and year == today.year:
                    year -= 1 if month > today.month - 3 else 0
            last = j + (1 if _year(_word(tokens, j + 1)) is not None else 0)
            if before_last:
                year, last = year - 1, j + 2
        elif (year := _year(word)) is not None:
            month, last = 7, j
        elif word == "year" and _word(tokens, j - 1) == "last":
            month, year, last = today.month, today.year - 1, j
        else:
            continue
        months = (today.year - year) * 12 + today.month - month + today.day / 30
        if 0 <= months <= 600:
            mentions.append(TimeMention(months, index, last, True))
    return mentions


def _year(word: str) -> int | None:
    return int(word) if word.isdigit() and len(word) == 4 and 1950 <= int(word) <= 2100 else None
