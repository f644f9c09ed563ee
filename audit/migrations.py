"""The workspace schema as an ordered list of migrations; ``PRAGMA user_version`` is the index reached.

Append a migration to change the schema; never edit one that has shipped.
"""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: ISPs, their known phone numbers, campaigns and their samples, and an import log.
    """
    CREATE TABLE isps (
        id INTEGER PRIMARY KEY,
        slug TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        website TEXT NOT NULL,
        region TEXT,
        timezone TEXT,
        timezone_source TEXT CHECK (timezone_source IN ('given', 'region')),
        subscribers INTEGER,
        arpu REAL,
        working_hours TEXT,
        working_hours_json TEXT,
        notes TEXT,
        extras_json TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE isp_numbers (
        id INTEGER PRIMARY KEY,
        isp_id INTEGER NOT NULL REFERENCES isps(id),
        e164 TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('registry', 'site', 'manual')),
        added_at TEXT NOT NULL,
        UNIQUE (isp_id, e164, source)
    );
    CREATE INDEX isp_numbers_e164 ON isp_numbers(e164);
    CREATE TABLE campaigns (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('prospect', 'sector', 'self')),
        started_at TEXT NOT NULL,
        observation_days INTEGER NOT NULL DEFAULT 30,
        notes TEXT
    );
    CREATE TABLE campaign_isps (
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
        isp_id INTEGER NOT NULL REFERENCES isps(id),
        stratum TEXT,
        added_at TEXT NOT NULL,
        PRIMARY KEY (campaign_id, isp_id)
    );
    CREATE TABLE imports (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        file TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        rows INTEGER NOT NULL,
        summary_json TEXT NOT NULL DEFAULT '{}',
        imported_at TEXT NOT NULL
    );
    """,
]

MIGRATIONS.append(
    # 2: web submissions. An intent row is written and committed before the click; its UNIQUE key makes a
    # second send for the same ISP, campaign and wave impossible. Results are append-only rows.
    """
    CREATE TABLE submit_intents (
        id INTEGER PRIMARY KEY,
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
        isp_id INTEGER NOT NULL REFERENCES isps(id),
        wave INTEGER NOT NULL DEFAULT 1,
        mode TEXT NOT NULL CHECK (mode IN ('submit', 'manual')),
        intent_at TEXT NOT NULL,
        form_url TEXT,
        UNIQUE (campaign_id, isp_id, wave)
    );
    CREATE TABLE submissions (
        id INTEGER PRIMARY KEY,
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
        isp_id INTEGER NOT NULL REFERENCES isps(id),
        wave INTEGER NOT NULL DEFAULT 1,
        intent_id INTEGER REFERENCES submit_intents(id),
        mode TEXT NOT NULL CHECK (mode IN ('dry_run', 'submit', 'manual')),
        status TEXT NOT NULL CHECK (status IN ('submitted', 'no_form', 'captcha', 'submit_failed',
                                               'unreachable', 'needs_review', 'ready')),
        reason TEXT,
        submitted_at TEXT,
        source_tz TEXT,
        form_url TEXT,
        request_json TEXT,
        response_json TEXT,
        promise TEXT,
        channels_json TEXT NOT NULL DEFAULT '{}',
        evidence_dir TEXT,
        note TEXT,
        started_at TEXT,
        finished_at TEXT,
        created_at TEXT NOT NULL,
        supersedes_id INTEGER REFERENCES submissions(id)
    );
    CREATE INDEX submissions_campaign_isp ON submissions(campaign_id, isp_id, wave);
    """
)

MIGRATIONS.append(
    # 3: call logs and callback matching. Raw call-log rows ("legs") are kept as imported; a call is the
    # legs sharing (source, call_key). Review decisions are append-only; the latest per call counts.
    """
    CREATE TABLE call_imports (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        file TEXT NOT NULL,
        shopper_number TEXT NOT NULL,
        rows_read INTEGER NOT NULL,
        legs_added INTEGER NOT NULL,
        skipped_json TEXT NOT NULL DEFAULT '{}',
        imported_at TEXT NOT NULL
    );
    CREATE TABLE call_legs (
        id INTEGER PRIMARY KEY,
        import_id INTEGER NOT NULL REFERENCES call_imports(id),
        source TEXT NOT NULL,
        leg_key TEXT NOT NULL,
        call_key TEXT NOT NULL,
        direction TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
        kind TEXT NOT NULL CHECK (kind IN ('call', 'sms', 'messenger', 'email', 'other')),
        caller TEXT,
        callee TEXT,
        started_at TEXT NOT NULL,
        source_tz TEXT,
        answered INTEGER NOT NULL,
        duration_s INTEGER,
        disposition TEXT,
        raw_json TEXT NOT NULL,
        UNIQUE (source, leg_key)
    );
    CREATE INDEX call_legs_call ON call_legs(source, call_key);
    CREATE INDEX call_legs_caller ON call_legs(caller);
    CREATE TABLE callback_reviews (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        call_key TEXT NOT NULL,
        submission_id INTEGER REFERENCES submissions(id),
        decision TEXT NOT NULL CHECK (decision IN ('confirm', 'reject')),
        note TEXT,
        decided_at TEXT NOT NULL
    );
    CREATE TABLE callback_matches (
        id INTEGER PRIMARY KEY,
        run_at TEXT NOT NULL,
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
        submission_id INTEGER NOT NULL REFERENCES submissions(id),
        outcome TEXT NOT NULL CHECK (outcome IN ('called_back', 'no_callback', 'review')),
        first_call_at TEXT,
        call_source TEXT,
        call_key TEXT,
        matched_by TEXT,
        delay_s REAL,
        working_delay_s REAL
    );
    """
)

MIGRATIONS.append(
    # 4: self-assessments. An assessment is the answers as filed; scores are recomputed from them.
    """
    CREATE TABLE checklist_assessments (
        id INTEGER PRIMARY KEY,
        isp_id INTEGER NOT NULL REFERENCES isps(id),
        campaign_id INTEGER REFERENCES campaigns(id),
        checklist_id TEXT NOT NULL,
        checklist_version TEXT NOT NULL,
        lang TEXT NOT NULL,
        file TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        overall REAL,
        assessed_at TEXT NOT NULL
    );
    CREATE TABLE checklist_answers (
        assessment_id INTEGER NOT NULL REFERENCES checklist_assessments(id),
        item_id TEXT NOT NULL,
        answer TEXT NOT NULL,
        evidence_link TEXT,
        comment TEXT,
        PRIMARY KEY (assessment_id, item_id)
    );
    """
)

MIGRATIONS.append(
    # 5: scripted calls. A row is one shopper's record of one call; a changed re-import is a new version.
    """
    CREATE TABLE scripted_calls (
        id INTEGER PRIMARY KEY,
        call_id TEXT NOT NULL,
        shopper TEXT NOT NULL,
        version INTEGER NOT NULL,
        scenario TEXT NOT NULL,
        scenario_version TEXT NOT NULL,
        isp_id INTEGER NOT NULL REFERENCES isps(id),
        campaign_id INTEGER REFERENCES campaigns(id),
        call_started TEXT,
        source_tz TEXT,
        values_json TEXT NOT NULL,
        notes TEXT,
        file TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        UNIQUE (call_id, shopper, version)
    );
    """
)
