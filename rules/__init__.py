# Rule packs are data (YAML); this file only makes the folder importable as
# pressqa.rules so that importlib.resources finds the packs in an installed wheel.
