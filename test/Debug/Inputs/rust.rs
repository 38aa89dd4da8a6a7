// For test/Debug/source-dwarf.test: keep the line numbers.
#[inline(never)]
fn tripled(values: &[u32], i: usize) -> u32 {
    let v = values[i] * 3; // line 4
    v + 1
}

#[inline(never)]
fn total(values: &[u32]) -> u32 {
    let mut s = 0;
    for i in 0..values.len() {
        s += tripled(values, i); // line 12
    }
    s
}

fn main() {
    let v: Vec<u32> = std::env::args().skip(1).map(|a| a.len() as u32).collect();
    println!("total {}", total(&v)); // line 19
}
