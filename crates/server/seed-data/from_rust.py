"""Writes the demo corpora's TOML files from the Rust literals they were first written as.

Run once (python3 from_rust.py, from this directory, against the sources of the commit before
the move); kept so the conversion can be checked. Every written file is read back and compared
with the Rust values, so nothing is lost or changed on the way."""
import json
import os
import tomllib

import rust_literals

HEADER = "# {what}\n# Demo data, read when an empty database is seeded (see ARCHITECTURE.md, \"Demo data\").\n\n"


def toml_value(v):
    if isinstance(v, bool):
        return 'true' if v else 'false'
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, (list, tuple)):
        return '[' + ', '.join(toml_value(x) for x in v) + ']'
    raise TypeError(type(v))


def toml_field(k, v):
    """`k = v`; a long list one item a line, so a line is one thing to read or edit."""
    one = f"{k} = {toml_value(v)}"
    if len(one) <= 100 or not isinstance(v, list):
        return one
    return f"{k} = [\n" + ''.join(f"    {toml_value(x)},\n" for x in v) + "]"


def plain(v):
    """Tuples as lists and constant references as names, as TOML reads them back."""
    if isinstance(v, (list, tuple)):
        return [plain(x) for x in v]
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items() if k != '__struct__'}
    return str(v) if isinstance(v, rust_literals.Ref) else v


def table(header, fields):
    lines = [header] if header else []
    for k, v in fields.items():
        if k == '__struct__':
            continue
        lines.append(toml_field(k, plain(v)))
    return '\n'.join(lines) + '\n'


def write(path, what, body, expect):
    text = HEADER.format(what=what) + body
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text)
    back = tomllib.loads(text)
    assert back == plain(expect), f"{path} does not read back as the Rust values"
    print(f"{path}: {text.count(chr(10))} lines")


def shop():
    c = rust_literals.consts(os.environ.get('SHOP_CORPUS_RS', '../src/seed/shop_corpus.rs'))
    write('shop/categories.toml', "The shop's categories, in display order; theme = the image theme of their photos.",
          '\n'.join(table('[[category]]', x) for x in c['CATEGORIES']), {'category': c['CATEGORIES']})
    write('shop/brands.toml', 'Invented brands: origin, the category slugs they sell in, commission (basis points), cross-border shipping.',
          '\n'.join(table('[[brand]]', x) for x in c['BRANDS']), {'brand': c['BRANDS']})
    options = {k.lower(): v for k, v in c.items() if isinstance(v, dict) and v.get('__struct__') == 'OptionDef'}
    write('shop/options.toml', 'Option axes (colour, size, ...) that products name in `options`; values are [Chinese, English].',
          '\n'.join(table(f'[option.{k}]', v) for k, v in options.items()), {'option': options})
    os.path.exists('shop/products.toml') and os.remove('shop/products.toml')
    for cat in c['CATEGORIES']:
        slug = cat['slug']
        products = [{k: (v if k != 'options' else [o.lower() for o in v]) for k, v in p.items() if k != 'category'}
                    for p in c['PRODUCTS'] if p['category'] == slug]
        write(f'shop/products/{slug}.toml', f'Product templates of the {cat["name_en"]} category, in order: the seeder pairs each with the brands that sell in it. Prices in fen (100 fen = 1 CNY), [lowest, highest].',
              '\n'.join(table('[[product]]', p) for p in products), {'product': products})
    assert sum(1 for p in c['PRODUCTS'] if p['category'] in {x['slug'] for x in c['CATEGORIES']}) == len(c['PRODUCTS'])



def docs(path):
    """The `///` lines above each constant, as TOML comments."""
    import re
    src = open(path, encoding='utf-8').read()
    out = {}
    for m in re.finditer(r'((?:^///[^\n]*\n)+)(?:#\[rustfmt::skip\]\n)?(?:pub )?const ([A-Z0-9_]+)', src, re.M):
        out[m.group(2)] = ''.join('# ' + l[3:].strip() + '\n' for l in m.group(1).splitlines())
    return out


def section(name, fields, notes=None):
    lines = [f'[{name}]'] if name else []
    for k, v in fields.items():
        if k == '__struct__':
            continue
        if notes and notes.get(k):
            lines.append(notes[k].rstrip('\n'))
        lines.append(toml_field(k, plain(v)))
    return '\n'.join(lines) + '\n'


NAMES = ['ZH_PETS', 'ZH_HOBBIES', 'ZH_NAME_CITIES', 'ZH_EN_GIVEN', 'ZH_SUFFIXES', 'ZH_SURNAMES', 'ZH_GIVEN',
         'ZH_NAME_ENDS', 'EN_FIRST', 'EN_LAST', 'EN_HANDLES', 'EN_NAME_CITIES']
BIOS = ['BIRTH_YEARS', 'ZH_BIO_CITIES', 'ZH_BIO_IDS', 'ZH_BIO_INTERESTS', 'ZH_BIO_EXTRAS', 'EN_BIO_CITIES',
        'EN_BIO_IDS', 'EN_BIO_INTERESTS', 'EN_BIO_EXTRAS']
PLACES = {'zh': {'city': 'ZH_CITY_SPOTS', 'trip': 'ZH_TRIPS', 'nature': 'ZH_NATURE'},
          'en': {'city': 'EN_CITY_SPOTS', 'trip': 'EN_TRIPS', 'nature': 'EN_NATURE'}}


def corpus():
    path = '../src/seed/corpus.rs'
    c = rust_literals.consts(path)
    d = docs(path)
    write('corpus/channels.toml', 'The content channels, in order (the app adds the virtual "recommend" channel itself).',
          '\n'.join(table('[[channel]]', x) for x in c['CHANNELS']), {'channel': c['CHANNELS']})
    common = {'zh': c['ZH_COMMON'], 'en': c['EN_COMMON']}
    write('corpus/common.toml', 'Text every channel shares, per language: hooks, closers, mention lines, comments, replies... {x} {p} {m} {a} {b} are slots (see channels/).',
          section('zh', c['ZH_COMMON']) + '\n' + section('en', c['EN_COMMON']), common)
    places = {lang: {kind: c[name] for kind, name in kinds.items()} for lang, kinds in PLACES.items()}
    write('corpus/places.toml', 'Places notes are set in, per language and kind: [topic word, location shown on the note].',
          section('zh', places['zh']) + '\n' + section('en', places['en']), places)
    names = {n.lower(): c[n] for n in NAMES}
    write('corpus/names.toml', 'Parts of generated display names; Chinese parts come with the ASCII slug their usernames use.',
          section(None, names, {n.lower(): d.get(n) for n in NAMES}), names)
    bios = {n.lower(): c[n] for n in BIOS}
    write('corpus/bios.toml', 'Parts of user bios (and the birth years some usernames carry).',
          section(None, bios, {n.lower(): d.get(n) for n in BIOS}), bios)
    for ref in c['CHANNEL_TEXTS']:
        ch = dict(c[ref])
        ch['places'] = ch['places'].split('::')[1].lower()
        top = {k: v for k, v in ch.items() if k not in ('zh', 'en', '__struct__')}
        body = section(None, top) + '\n' + section('zh', ch['zh']) + '\n' + section('en', ch['en'])
        write(f"corpus/channels/{ch['slug']}.toml",
              f"Note text of the {ch['slug']} channel: templates (titles, openers, details) with {{slot}} markers, the fillers for them, topics and comments; places = which table of places.toml.",
              body, {**top, 'zh': ch['zh'], 'en': ch['en']})


if __name__ == '__main__':
    shop()
    corpus()
