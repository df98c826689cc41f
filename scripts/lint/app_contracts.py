"""An import-linter contract for a rule its own contract types cannot say in one place: no app imports another
app's models, views or forms (it asks the other app's services and selectors). Modules named `models`, `views`,
`forms` or starting with `views_` / `forms_` count; `core` is the ground floor every app builds on (its form
kit included), and the apps listed in `exempt` may reach in, each with the reason in the configuration."""

from importlinter import Contract, ContractCheck, fields, output

INTERNAL = ("models", "views", "forms")


def _app_and_part(module: str, root: str) -> tuple[str, str] | None:
    parts = module.split(".")
    if len(parts) < 3 or parts[0] != root:
        return None
    return parts[1], parts[2]


def _internal(part: str) -> bool:
    return part in INTERNAL or part.startswith(("views_", "forms_"))


class AppInternalsContract(Contract):
    root = fields.StringField()
    exempt = fields.ListField(subfield=fields.StringField(), required=False)

    def check(self, graph, verbose: bool) -> ContractCheck:
        exempt = set(self.exempt or ())
        reach_ins = []
        for importer in sorted(graph.modules):
            source = _app_and_part(importer, self.root)
            if source is None or source[0] in exempt:
                continue
            for imported in sorted(graph.find_modules_directly_imported_by(importer)):
                target = _app_and_part(imported, self.root)
                if target and target[0] not in (source[0], "core") and _internal(target[1]):
                    details = graph.get_import_details(importer=importer, imported=imported)
                    lines = ", ".join(str(d["line_number"]) for d in details)
                    reach_ins.append(f"{importer} -> {imported} (l.{lines})")
        return ContractCheck(kept=not reach_ins, metadata={"reach_ins": reach_ins})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for reach_in in check.metadata["reach_ins"]:
            output.print_error(f"- {reach_in}")
        output.new_line()
        output.print("Ask the other app's services or selectors instead.")
