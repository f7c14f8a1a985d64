from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = ROOT / "story.yaml"


@pytest.fixture
def seed_path() -> Path:
    return SEED


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES
