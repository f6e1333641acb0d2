"""Importing the template CSV and LinkedIn's export; exporting CSV and GraphML."""

from __future__ import annotations

import csv
import io
import random
import time
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from coursekit import InputError
from coursekit.network import (
    Contact,
    Ego,
    Network,
    Tie,
    import_file,
    load_sample_network,
    read_linkedin_connections,
    write_csv,
    write_graphml,
)
from coursekit.network.exporting import contacts_csv, read_graphml, ties_csv
from coursekit.network.importing import (
    normalise_organisation,
    read_contacts_csv,
    same_organisation,
)

REPO = Path(__file__).resolve().parent.parent
NET_FILES = Path(__file__).resolve().parent / "files" / "network"


def test_linkedin_export_with_notes_and_empty_emails():
    result = read_linkedin_connections(NET_FILES / "linkedin_connections.csv",
                                       "Calder Industries")
    c = result.network.contacts.set_index("name")
    assert list(c.index) == ["Ana Ruiz", "Ben Okafor", "Chen Li", "Dana =cmd|' /C calc'!A0"]
    assert c.loc["Ana Ruiz", "inside"] is True          # "Calder Industries Ltd"
    assert c.loc["Chen Li", "inside"] is True           # "CALDER INDUSTRIES, INC."
    assert c.loc["Ben Okafor", "inside"] is False
    assert c.loc["Dana =cmd|' /C calc'!A0", "inside"] is None  # no company: unknown
    assert c.loc["Ana Ruiz", "last_contact"] == date(2021, 3, 15)
    assert c.loc["Ana Ruiz", "role"] == "Finance lead"
    assert c.loc["Ana Ruiz", "strength"] == 1
    assert "email" not in " ".join(result.network.contacts.columns)  # not imported
    assert any("without a name" in note for note in result.notes)


def test_linkedin_without_organisation_leaves_inside_unknown():
    result = read_linkedin_connections(NET_FILES / "linkedin_connections.csv")
    assert result.network.contacts["inside"].isna().all()
    assert any("organisation" in note for note in result.notes)


def test_same_organisation():
    assert normalise_organisation("Calder & Vance, Ltd.") == "calder and vance"
    assert same_organisation("Calder Industries (UK) Ltd", "calder industries")
    assert same_organisation("Calderwood", "Calder") is False
    assert same_organisation("Société Générale SA", "Societe Generale")
    assert same_organisation("", "x") is None


@pytest.mark.parametrize("name", ["contacts_bom.csv", "contacts_latin1.csv",
                                  "contacts_semicolon.csv"])
def test_template_in_any_encoding_or_delimiter(name):
    result = read_contacts_csv(NET_FILES / name, organisation="Calder Industries")
    c = result.network.contacts
    assert list(c["name"]) == ["Zoë Ångström", "Émile Dupré"]
    first = result.network.contact(c["id"].iat[0])
    assert first.types == ("operational", "strategic")
    assert first.seniority == 2 and first.strength == 4 and first.inside is True
    assert first.last_contact == date(2024, 5, 1)
    assert first.circles == ("Leadership",)


def test_semicolon_file_keeps_quoted_semicolons():
    result = read_contacts_csv(NET_FILES / "contacts_semicolon.csv")
    assert result.network.contacts["organisation"].iat[1] == "Northwind; Inc"


def test_ties_file_by_name():
    result = read_contacts_csv(NET_FILES / "contacts_bom.csv", ties=NET_FILES / "ties.csv")
    assert result.network.ties.values.tolist() == [["c1", "c2", 2]]


def test_broken_file_says_which_line_and_how_to_fix():
    with pytest.raises(InputError) as err:
        read_contacts_csv(NET_FILES / "contacts_broken.csv")
    message = str(err.value)
    assert "line 5" in message and "Fix:" in message and "quotes" in message


def test_bad_values_listed_with_line_and_column():
    with pytest.raises(InputError) as err:
        read_contacts_csv(NET_FILES / "contacts_bad_values.csv")
    message = str(err.value)
    assert "nothing was imported" in message
    assert "line 3: Ben: strength must be a whole number from 1 to 5, not '9'" in message
    assert "line 4: Cleo:" in message and ("yesterday" in message or "spiritual" in message)


@pytest.mark.parametrize("data, expected", [
    (b"", "empty"),
    (b"PK\x03\x04rest-of-a-zip", "Excel"),
    (b"\x00\x01binary\x00", "not a text file"),
    (b"nom,prenom\nA,B\n", "no header row"),
    (b"name,strength\n", "no contacts"),
])
def test_unusable_files_are_explained(data, expected):
    with pytest.raises(InputError, match=expected):
        import_file(data, name="upload.csv")


def test_linkedin_bad_date_names_the_line():
    data = (b"Notes:\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
            b"Ana,Ruiz,,,X,,15 Mar 2021\nBen,O,,,X,,not a date\n")
    with pytest.raises(InputError, match=r"line 5.*Connected On|Connected On.*line 5"):
        read_linkedin_connections(data, "X", name="Connections.csv")


def test_import_file_recognises_both_formats():
    linked = import_file((NET_FILES / "linkedin_connections.csv").read_bytes(), "Calder")
    template = import_file((NET_FILES / "contacts_bom.csv").read_bytes())
    assert linked.network.size == 4 and template.network.size == 2


def generated_connections(rows: int) -> bytes:
    rng = random.Random(7)
    out = io.StringIO()
    out.write("Notes:\n\"Some email addresses are missing.\"\n\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
                     "Connected On"])
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
              "Dec"]
    for k in range(rows):
        writer.writerow([f"First{k}", f"Last{k}", f"https://www.linkedin.com/in/p{k}", "",
                         rng.choice(["Acme Ltd", "Globex", "Initech, Inc.", ""]), "Analyst",
                         f"{rng.randint(1, 28):02d} {rng.choice(months)} 20{rng.randint(10, 25)}"])
    return out.getvalue().encode("utf-8")


def test_thirty_thousand_rows_import_fast():
    data = generated_connections(30_000)
    start = time.perf_counter()
    result = read_linkedin_connections(data, "Acme", name="Connections.csv")
    elapsed = time.perf_counter() - start
    assert result.network.size == 30_000
    assert result.network.contacts["id"].is_unique
    assert elapsed < 5  # about 0.2 s on a laptop; generous for a loaded CI machine


# -- export ------------------------------------------------------------------------------

def risky_network() -> Network:
    return Network.from_records(
        Ego("Calder"),
        [Contact("c1", "=HYPERLINK(\"http://x\")", organisation="+44 Ltd", sector="-sector",
                 role="@role", notes="ok", inside=True, types=("strategic",), strength=3,
                 last_contact=date(2024, 1, 2), circles=("Team",)),
         Contact("c2", "Ben", circles=("Team",), seniority=-1)],
        [Tie("c1", "c2", 0)])


def test_csv_export_neutralises_formula_cells():
    text = contacts_csv(risky_network())
    rows = list(csv.reader(io.StringIO(text)))
    cells = rows[1]
    assert cells[1].startswith("'=") and cells[3] == "'+44 Ltd" and cells[4] == "'-sector"
    assert cells[6] == "'@role"
    for row in rows[1:]:
        for cell in row:
            if cell.lstrip("-").isdigit():
                continue  # a number (seniority -1) is not a formula
            assert not cell.startswith(("=", "+", "-", "@")), cell
    assert ties_csv(risky_network()).splitlines() == ["a,b,strength", "c1,c2,0"]


def test_csv_export_imports_back_unchanged(tmp_path):
    original = risky_network()
    contacts_path, ties_path = write_csv(original, tmp_path / "net.csv")
    back = read_contacts_csv(contacts_path, ties=ties_path).network
    assert back.contact_list() == original.contact_list()
    assert back.ties.values.tolist() == original.ties.values.tolist()


@pytest.mark.parametrize("fmt", ["csv", "graphml"])
def test_circle_names_with_separators_round_trip(tmp_path, fmt):
    names = ("R&D; Ops", 'The "A" list', "Team")
    original = Network.from_records(
        Ego("Calder"), [Contact("c1", "Ana", circles=names), Contact("c2", "Ben",
                                                                    circles=names[:1])])
    if fmt == "csv":
        contacts_path, ties_path = write_csv(original, tmp_path / "net.csv")
        back = read_contacts_csv(contacts_path, ties=ties_path).network
    else:
        back = read_graphml(write_graphml(original, tmp_path / "net.graphml"))
    assert back.contact("c1").circles == names
    assert back.contact_list() == original.contact_list()


def test_graphml_round_trip_keeps_ego_and_attributes(tmp_path):
    original = load_sample_network("harris-after")
    path = write_graphml(original, tmp_path / "harris.graphml")
    text = path.read_text(encoding="utf-8")
    assert "Brenmoor Components" in text and 'id="ego"' in text
    back = read_graphml(path)
    assert back.ego.organisation == original.ego.organisation
    assert back.contact_list() == original.contact_list()
    assert sorted(back.ties.values.tolist()) == sorted(original.ties.values.tolist())
    assert back.all_ties()[["a", "b", "strength"]].values.tolist() == \
        original.all_ties()[["a", "b", "strength"]].values.tolist()


def test_template_file_shipped_and_importable():
    template = REPO / "samples" / "networks" / "template.csv"
    result = read_contacts_csv(template, organisation="Meridia Medical")
    assert result.network.size >= 2
    assert (REPO / "docs" / "network-csv.md").is_file()
    pd.read_csv(REPO / "samples" / "networks" / "template-ties.csv")
