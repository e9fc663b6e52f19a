use super::*;

#[test]
fn every_line_of_the_table_is_one_pair_of_two_different_characters() {
    let mut pairs = 0;
    for (number, line) in T2S_TXT.lines().enumerate() {
        if line.starts_with('#') {
            continue;
        }
        let chars: Vec<char> = line.chars().collect();
        assert_eq!(chars.len(), 3, "line {}: {line:?}", number + 1);
        assert_eq!(chars[1], ' ', "line {}: {line:?}", number + 1);
        assert_ne!(chars[0], chars[2], "line {}: {line:?}", number + 1);
        // `simplify` looks only in these ranges.
        let key = chars[0] as u32;
        assert!(
            (DENSE_START..DENSE_END).contains(&key) || key >= 0xF900,
            "line {}: {line:?}",
            number + 1
        );
        pairs += 1;
    }
    assert!(pairs > 3000, "only {pairs} pairs");
}

#[test]
fn common_traditional_characters_fold_to_simplified() {
    let folded: String = "澳門金沙娛樂網址國際體育開發"
        .chars()
        .map(|c| simplify(c).unwrap_or(c))
        .collect();
    assert_eq!(folded, "澳门金沙娱乐网址国际体育开发");
}

#[test]
fn simplified_and_ambiguous_characters_stay_as_written() {
    for c in "门金沙人民政府乾於畫餘".chars() {
        assert_eq!(simplify(c), None, "{c}");
    }
}

#[test]
fn keys_outside_the_dense_block_are_found() {
    // A supplementary-plane key from the table, looked up through the map.
    let (from, to) = T2S_TXT
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let mut c = l.chars();
            (c.next().unwrap(), c.nth(1).unwrap())
        })
        .find(|(from, _)| *from as u32 > 0xFFFF)
        .expect("the table has supplementary-plane keys");
    assert_eq!(simplify(from), Some(to));
}
