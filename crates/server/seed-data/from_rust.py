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
        lines.append(f"{k} = {toml_value(plain(v))}")
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
    c = rust_literals.consts('../src/seed/shop_corpus.rs')
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


if __name__ == '__main__':
    shop()
