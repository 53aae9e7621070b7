"""The crawl file: what runs, and the one-line errors of what does not."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import crawl_file, moisson
from crawler.config import ConfigError, load_config, to_settings

SEED = "https://example.org/"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "crawl.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_contract_example_runs_with_defaults(tmp_path):
    config = load_config(crawl_file(tmp_path / "c.toml", [SEED]))
    assert config.product_token == "MoissonTestBot"
    assert config.follow_links == "same_domain" and config.allow_private_network is False
    assert config.output_dir == Path("data/test") and config.max_pages is None
    settings = to_settings(config)
    assert settings["USER_AGENT"].startswith("MoissonTestBot/1.0")
    assert settings["MOISSON_CRAWL"]["crawl_file"]["text"] == config.text


def test_overrides_from_the_command_line(tmp_path):
    path = crawl_file(tmp_path / "c.toml", [SEED], output={"dir": "somewhere"})
    config = load_config(path, output_dir=tmp_path / "out", max_pages=7, allow_private_network=True)
    assert config.output_dir == tmp_path / "out" and config.max_pages == 7 and config.allow_private_network


def test_seeds_file_is_read_relative_to_the_crawl_file(tmp_path):
    (tmp_path / "seeds.txt").write_text("# comment\nhttps://a.example/\n\nhttps://b.example/x\n")
    config = load_config(crawl_file(tmp_path / "c.toml", [SEED], seeds_file="seeds.txt"))
    assert config.seeds == (SEED, "https://a.example/", "https://b.example/x")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"name": None}, "crawl.name: required key missing"),
        ({"purpose": None}, "crawl.purpose: required key missing"),
        ({"retention_days": None}, "crawl.retention_days: required key missing"),
        ({"seeds": None}, "crawl.seeds: required key missing"),
        ({"colour": "blue"}, "crawl.colour: unknown key"),
        ({"retention_days": "a year"}, "crawl.retention_days: expected int"),
        ({"retention_days": 0}, "crawl.retention_days: must be at least 1"),
        ({"max_pages": True}, "crawl.max_pages: expected int"),
        ({"legal_basis": "because"}, "crawl.legal_basis: 'because' is not one of"),
        ({"follow_links": "all"}, "crawl.follow_links: 'all' is not one of"),
        ({"purpose": "Training"}, "crawl.purpose: state the purpose as a sentence"),
        ({"user_agent": "Mozilla 5.0/x"}, "crawl.user_agent: product token"),
        ({"name": "../etc"}, "crawl.name:"),
        ({"seeds": ["ftp://example.org/"]}, "crawl.seeds[0]: 'ftp://example.org/' is not an http(s) URL"),
        ({"seeds": [SEED, "https://user:pw@example.org/"]}, "crawl.seeds[1]: URL carries credentials"),
        ({"seeds": ["http://example.org:99999/"]}, "crawl.seeds[0]: 'http://example.org:99999/' is not a valid URL"),
        ({"seeds_file": "nowhere.txt"}, "crawl.seeds_file: cannot read"),
        ({"limits": {"max_depth": 0}}, "limits.max_depth: must be at least 1"),
        ({"limits": {"speed": 3}}, "limits.speed: unknown key"),
        ({"sensitive": {"threshold": 1.5}}, "sensitive.threshold: must be at most 0.99, not 1.5"),
        ({"sensitive": {"model": "yes"}}, "sensitive.model: expected bool"),
        ({"extras": {"a": 1}}, "[extras]: unknown section"),
    ],
)
def test_invalid_crawl_files_name_the_key(tmp_path, change, message):
    seeds = change.get("seeds") or [SEED]
    keys = {k: v for k, v in change.items() if v is not None and k != "seeds"}
    path = crawl_file(tmp_path / "c.toml", seeds, **keys)
    if None in change.values():
        lines = path.read_text().splitlines()
        dropped = {k for k, v in change.items() if v is None}
        path.write_text("\n".join(line for line in lines if line.split(" = ")[0] not in dropped) + "\n")
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_invalid_toml_and_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_config(write(tmp_path, "[crawl\nname = 1"))
    with pytest.raises(ConfigError, match="cannot read crawl file"):
        load_config(tmp_path / "missing.toml")


def test_output_folder_that_is_not_a_dataset_is_refused(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "precious.txt").write_text("keep me")
    with pytest.raises(ConfigError, match="output.dir: .* not a Moisson dataset"):
        load_config(crawl_file(tmp_path / "c.toml", [SEED]), output_dir=tmp_path / "out")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["crawl", "{tmp}/missing.toml"], "cannot read crawl file"),
        (["crawl", "{tmp}/bad.toml"], "crawl.legal_basis: required key missing"),
        (["crawl", "{tmp}/good.toml", "--max-pages", "0"], "--max-pages: must be at least 1"),
        (["crawl", "{tmp}/good.toml", "--max-pages", "many"], "argument --max-pages: invalid int value"),
        (["crawl", "{tmp}/good.toml", "--colour"], "unrecognized arguments: --colour"),
        (["crawl", "{tmp}/good.toml", "-s", "NOEQUALS"], "expected NAME=VALUE"),
        (["report", "{tmp}/nothing"], "no such dataset"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_command_line_errors_are_one_line_with_status_2_and_write_nothing(tmp_path, args, message):
    (tmp_path / "bad.toml").write_text('[crawl]\nname = "x"\npurpose = "a b c"\n')
    crawl_file(tmp_path / "good.toml", [SEED], output={"dir": str(tmp_path / "out")})
    result = moisson(*(arg.format(tmp=tmp_path) for arg in args))
    assert result.returncode == 2
    assert message in result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert not (tmp_path / "out").exists()


def test_a_missing_sensitive_model_is_a_one_line_error_before_any_request(tmp_path, monkeypatch, capsys):
    from crawler.cli import main
    from filters import _sensitive_model

    config = crawl_file(tmp_path / "c.toml", [SEED], output={"dir": str(tmp_path / "out")})
    monkeypatch.setattr(_sensitive_model, "MODEL_DIR", tmp_path / "nowhere")
    _sensitive_model.load.cache_clear()
    try:
        assert main(["crawl", str(config)]) == 2
    finally:
        monkeypatch.undo()
        _sensitive_model.load.cache_clear()
    stderr = capsys.readouterr().err
    assert "sensitive-data model missing at" in stderr and stderr.count("\n") == 1, stderr
    assert not (tmp_path / "out").exists()
