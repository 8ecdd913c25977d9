"""Per backward-branch loop of a SASS listing: instructions, HMMA, register moves, local-memory spills (LDL/STL)."""
import re, sys
for f in sys.argv[1:]:
    ins = []
    for l in open(f):
        m = re.match(r'\s*/\*([0-9a-f]{4,})\*/\s+(.*?);', l)
        if m: ins.append((int(m.group(1), 16), m.group(2)))
    at = {a: i for i, (a, _) in enumerate(ins)}
    print("==", f, len(ins), "instructions")
    for i, (a, t) in enumerate(ins):
        m = re.search(r'BRA.*?(0x[0-9a-f]+)', t)
        if m and int(m.group(1), 16) < a and at.get(int(m.group(1), 16)) is not None:
            body = [x for _, x in ins[at[int(m.group(1), 16)]:i + 1]]
            if any('HMMA' in x for x in body):
                c = lambda k: sum(k in x for x in body)
                print(f"  loop {int(m.group(1),16):#x}-{a:#x}: {len(body)} instr, HMMA {c('HMMA')}, MOV {c('MOV')}, LDL {c('LDL')}, STL {c('STL')}, BAR {c('BAR')}, BRA {c('BRA')}, predicated HMMA {sum(bool(re.match(r'@!?U?P', x)) and 'HMMA' in x for x in body)}")
