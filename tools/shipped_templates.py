"""The three worksheet templates the portal ships with, and an idempotent loader used by a data migration.

Wording is paraphrased: the full form is "based on the GARE Racial Equity Tool", not GARE's official text.
Each question is (code, type, text, options) where options may hold help, required, choices, columns, follow_up,
links_actions.
"""

from __future__ import annotations

import uuid

# uids of the shipped versions are derived from slug and version, so they are the same in every city.
SHIPPED_UID_NAMESPACE = uuid.UUID("6f1c2b0e-5a7d-4c1e-9b3a-2d8e4f6a1c90")


def shipped_uid(*, slug: str, version: int) -> uuid.UUID:
    """The stable uid of a shipped template version."""
    return uuid.uuid5(SHIPPED_UID_NAMESPACE, f"{slug}:v{version}")


def col(key: str, label: str, type_: str = "text", choices: list[str] | None = None) -> dict:
    """One column of a table question: text, long_text, number, date or choice."""
    spec = {"key": key, "label": label, "type": type_}
    if choices:
        spec["choices"] = choices
    return spec


GROUPS = [
    "American Indian or Alaska Native",
    "Asian",
    "Black or African American",
    "Hispanic or Latino",
    "Native Hawaiian or Pacific Islander",
    "White",
    "Two or more races",
    "All residents",
]
MEASURE_TYPES = ["How much did we do?", "How well did we do it?", "Is anyone better off?"]
READINESS_FOLLOW_UP = "What resources or actions are needed, and by when?"

FULL = {
    "slug": "gare-full",
    "name": "Racial Equity Tool (full, six steps)",
    "description": "Based on the GARE Racial Equity Tool: six steps from desired results to accountability.",
    "steps": [
        (
            "Proposal and desired results",
            "Describe the decision and the community conditions it should help bring about.",
            [
                (
                    "1.1",
                    "long_text",
                    "Describe the policy, practice, program or budget decision under consideration.",
                    {"required": True},
                ),
                (
                    "1.2",
                    "long_text",
                    "What community-level condition of well-being should exist for everyone? "
                    "Write a plain-language results statement.",
                    {"required": True, "help": "For example: all residents have stable, affordable housing."},
                ),
                (
                    "1.3",
                    "long_text",
                    "What outcomes should the department achieve through this proposal?",
                    {"required": True},
                ),
                (
                    "1.4",
                    "table",
                    "Results and community indicators",
                    {
                        "columns": [
                            col("result", "Result"),
                            col("indicator", "Community indicator"),
                            col("source", "Data source"),
                            col("baseline", "Baseline"),
                        ]
                    },
                ),
                (
                    "1.5",
                    "table",
                    "Outcomes and performance measures",
                    {
                        "columns": [
                            col("outcome", "Outcome"),
                            col("measure", "Performance measure"),
                            col("measure_type", "Type of measure", "choice", MEASURE_TYPES),
                            col("baseline", "Baseline"),
                            col("target", "Target"),
                        ]
                    },
                ),
                ("1.6", "long_text", "Who was involved in setting these results and outcomes?", {}),
            ],
        ),
        (
            "Data",
            "Use population and performance data, disaggregated by race, to understand existing inequities.",
            [
                (
                    "2.1",
                    "yes_no",
                    "Will the proposal affect particular geographic areas?",
                    {"required": True, "follow_up": "If not citywide, which neighborhoods or areas are most affected?"},
                ),
                (
                    "2.2",
                    "long_text",
                    "What are the racial demographics of the people living in those areas or affected by the proposal?",
                    {"required": True},
                ),
                (
                    "2.3",
                    "table",
                    "What do population-level data show about existing racial inequities?",
                    {
                        "required": True,
                        "help": "One row per indicator and group. Add the gap between groups in the notes.",
                        "columns": [
                            col("indicator", "Indicator"),
                            col("group", "Group", "choice", GROUPS),
                            col("value", "Value", "number"),
                            col("year", "Year", "number"),
                            col("source", "Source"),
                        ],
                    },
                ),
                (
                    "2.4",
                    "long_text",
                    "What do the data suggest about the root causes of, or factors driving, those inequities?",
                    {"required": True},
                ),
                (
                    "2.5",
                    "long_text",
                    "What performance data do you have, including who the program serves now, by race?",
                    {},
                ),
                ("2.6", "long_text", "What data are missing, and how could you get better data?", {}),
            ],
        ),
        (
            "Community engagement",
            "Involve the communities most affected, and record what you heard.",
            [
                (
                    "3.1",
                    "long_text",
                    "Which community members are most affected by, concerned with, or experienced with this proposal?",
                    {"required": True},
                ),
                (
                    "3.2",
                    "table",
                    "Engagement log: how have they been involved so far?",
                    {
                        "columns": [
                            col("date", "Date", "date"),
                            col("group", "Group"),
                            col("method", "Method"),
                            col("people", "Number of people", "number"),
                            col("language", "Language access"),
                            col("heard", "What was heard", "long_text"),
                        ]
                    },
                ),
                (
                    "3.3",
                    "long_text",
                    "What did engagement reveal about benefits and burdens for different groups?",
                    {"required": True},
                ),
                (
                    "3.4",
                    "long_text",
                    "What did engagement reveal about the factors that create or sustain racial inequity here?",
                    {},
                ),
                ("3.5", "long_text", "Where could engagement be expanded or deepened? Who is missing?", {}),
            ],
        ),
        (
            "Analysis and strategies",
            "Weigh benefits and burdens, then change the proposal to advance equity.",
            [
                (
                    "4.1",
                    "single_choice",
                    "Given the data and engagement, will the proposal increase or decrease racial equity?",
                    {
                        "required": True,
                        "choices": ["Increase", "Decrease", "Mixed", "No significant effect", "Not yet known"],
                    },
                ),
                (
                    "4.2",
                    "table",
                    "Benefit and burden matrix",
                    {
                        "required": True,
                        "columns": [
                            col("group", "Racial or ethnic group", "choice", GROUPS),
                            col("benefits", "Likely benefits"),
                            col("burdens", "Likely burdens"),
                            col("evidence", "Evidence"),
                        ],
                    },
                ),
                ("4.3", "long_text", "What unintended consequences could follow? For whom?", {}),
                (
                    "4.4",
                    "table",
                    "Strategies to increase positive impacts and reduce negative ones",
                    {
                        "required": True,
                        "links_actions": True,
                        "columns": [
                            col("strategy", "Strategy"),
                            col("addresses", "Addresses", "choice", ["Immediate impact", "Root cause"]),
                            col("owner", "Owner"),
                        ],
                    },
                ),
                (
                    "4.5",
                    "long_text",
                    "Are there complementary strategies or partnerships that would increase impact?",
                    {},
                ),
                ("4.6", "long_text", "How will you partner with stakeholders for long-term change?", {}),
                (
                    "4.7",
                    "yes_no",
                    "Do the expected impacts line up with the results and outcomes set in Step 1?",
                    {"follow_up": "What must change?"},
                ),
            ],
        ),
        (
            "Implementation plan",
            "Plan the work, check it is ready, and turn strategies into plan actions.",
            [
                (
                    "5.1",
                    "long_text",
                    "Describe the implementation plan, including the racial equity strategies from Step 4.",
                    {"required": True},
                ),
                ("5.2", "yes_no", "Is the plan realistic?", {"required": True, "follow_up": READINESS_FOLLOW_UP}),
                (
                    "5.3",
                    "yes_no",
                    "Is the plan adequately funded?",
                    {"required": True, "follow_up": READINESS_FOLLOW_UP},
                ),
                (
                    "5.4",
                    "yes_no",
                    "Is the plan adequately staffed?",
                    {"required": True, "follow_up": READINESS_FOLLOW_UP},
                ),
                (
                    "5.5",
                    "yes_no",
                    "Does it have mechanisms for successful implementation and enforcement?",
                    {"follow_up": READINESS_FOLLOW_UP},
                ),
                (
                    "5.6",
                    "yes_no",
                    "Is it resourced for ongoing data collection, public reporting and community engagement?",
                    {"follow_up": READINESS_FOLLOW_UP},
                ),
                (
                    "5.7",
                    "table",
                    "Implementation milestones",
                    {
                        "links_actions": True,
                        "help": "Rows here can become actions in a racial equity action plan.",
                        "columns": [col("milestone", "Milestone"), col("lead", "Lead"), col("due", "Due date", "date")],
                    },
                ),
            ],
        ),
        (
            "Accountability and communication",
            "Decide how impact is measured, reported and communicated.",
            [
                (
                    "6.1",
                    "table",
                    "How will impacts be documented and evaluated?",
                    {
                        "required": True,
                        "columns": [
                            col("measure", "Measure"),
                            col("frequency", "Frequency", "choice", ["Monthly", "Quarterly", "Twice a year", "Yearly"]),
                            col("owner", "Owner"),
                            col("reported", "Where reported"),
                        ],
                    },
                ),
                (
                    "6.2",
                    "long_text",
                    "Are you achieving the expected outcomes? Is there impact in the community?",
                    {"help": "Answer this at the review date."},
                ),
                (
                    "6.3",
                    "long_text",
                    "What messages and communication strategies will help advance racial equity on this issue?",
                    {"required": True},
                ),
                (
                    "6.4",
                    "long_text",
                    "How will you keep partnering with and deepen relationships with affected communities over time?",
                    {},
                ),
                ("6.5", "date", "When was the analysis shared with department leadership and the equity team?", {}),
                (
                    "6.6",
                    "long_text",
                    "What is still unresolved? What resources or accountability are still needed?",
                    {},
                ),
            ],
        ),
    ],
}

SHORT = {
    "slug": "short-form",
    "name": "Racial Equity Tool (short form)",
    "description": "One question per step, for when a full process cannot be run. Based on the GARE Racial Equity "
    "Tool.",
    "steps": [
        ("Desired results", "", [("1", "long_text", "What are the desired result and outcome?", {"required": True})]),
        ("Data", "", [("2", "long_text", "What do the data say?", {"required": True})]),
        (
            "Community engagement",
            "",
            [
                (
                    "3",
                    "long_text",
                    "How were affected communities engaged, and can that be expanded?",
                    {"required": True},
                )
            ],
        ),
        (
            "Analysis and strategies",
            "",
            [
                (
                    "4",
                    "long_text",
                    "Who benefits, who is burdened, and what are the strategies to advance equity or mitigate harm?",
                    {"required": True},
                )
            ],
        ),
        ("Implementation", "", [("5", "long_text", "What is the implementation plan?", {"required": True})]),
        (
            "Accountability",
            "",
            [("6", "long_text", "How will we stay accountable and communicate results?", {"required": True})],
        ),
    ],
}

BUDGET = {
    "slug": "budget-decision",
    "name": "Budget decision equity form",
    "description": "For budget requests and reductions, after Portland's budget equity tool. Based on the GARE "
    "Racial Equity Tool.",
    "steps": [
        (
            "The request",
            "",
            [
                ("1.1", "short_text", "Budget request or reduction name", {"required": True}),
                ("1.2", "number", "Amount (dollars; negative for a reduction)", {"required": True}),
                (
                    "1.3",
                    "single_choice",
                    "What kind of request is it?",
                    {
                        "required": True,
                        "choices": ["New investment", "Service increase", "Reduction", "Mandated", "Basic service"],
                    },
                ),
                (
                    "1.4",
                    "long_text",
                    "Which of the department's equity goals does the request support?",
                    {"required": True},
                ),
            ],
        ),
        (
            "Data",
            "",
            [
                (
                    "2.1",
                    "table",
                    "Service levels or investment by community and geography",
                    {
                        "columns": [
                            col("community", "Community or area"),
                            col("group", "Group", "choice", GROUPS),
                            col("current", "Current level", "number"),
                            col("proposed", "Proposed level", "number"),
                        ]
                    },
                ),
                ("2.2", "long_text", "What do the data show about who is served now?", {"required": True}),
            ],
        ),
        (
            "Engagement",
            "",
            [
                (
                    "3.1",
                    "long_text",
                    "What did the budget advisory committee or community members say?",
                    {"required": True},
                ),
            ],
        ),
        (
            "Benefits and burdens",
            "",
            [
                (
                    "4.1",
                    "table",
                    "Benefits and burdens for communities of color and people with disabilities",
                    {
                        "required": True,
                        "columns": [col("group", "Group"), col("benefits", "Benefits"), col("burdens", "Burdens")],
                    },
                ),
                ("4.2", "long_text", "How will burdens be mitigated?", {}),
            ],
        ),
        (
            "Equity result",
            "",
            [
                (
                    "5.1",
                    "single_choice",
                    "Does the request advance equity?",
                    {
                        "required": True,
                        "choices": [
                            "Advances equity",
                            "Neutral",
                            "Maintains a basic service",
                            "Mandated",
                            "Harms equity",
                        ],
                    },
                ),
                (
                    "5.2",
                    "yes_no",
                    "Is the request adequately staffed to deliver the equity strategies?",
                    {"follow_up": "What is needed?"},
                ),
            ],
        ),
        (
            "Tracking",
            "",
            [
                ("6.1", "long_text", "How will the results be tracked and reported each year?", {"required": True}),
                ("6.2", "date", "Date of the first report back", {}),
            ],
        ),
    ],
}

SHIPPED = [FULL, SHORT, BUDGET]


def load_shipped_templates(template_model, step_model, question_model) -> int:
    """Create version 1 of each shipped template that does not exist yet (published); returns how many were made."""
    created = 0
    for spec in SHIPPED:
        if template_model.objects.filter(slug=spec["slug"], version=1).exists():
            continue
        extra = {}
        if any(f.name == "uid" for f in template_model._meta.get_fields()):
            extra["uid"] = shipped_uid(slug=spec["slug"], version=1)
        template = template_model.objects.create(
            slug=spec["slug"],
            name=spec["name"],
            description=spec["description"],
            version=1,
            status="published",
            **extra,
        )
        for number, (title, intro, questions) in enumerate(spec["steps"], start=1):
            step = step_model.objects.create(template=template, number=number, title=title, intro=intro)
            for order, (code, type_, text, options) in enumerate(questions, start=1):
                question_model.objects.create(
                    step=step,
                    code=code,
                    type=type_,
                    text=text,
                    order=order,
                    help_text=options.get("help", ""),
                    required=options.get("required", False),
                    choices=options.get("choices", []),
                    columns=options.get("columns", []),
                    follow_up=options.get("follow_up", ""),
                    links_actions=options.get("links_actions", False),
                )
        created += 1
    return created
