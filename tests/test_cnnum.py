"""Chinese numerals read by extractor/cnnum.py agree with cn2an (the oracle, a test dependency)."""

import cn2an
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.cnnum import cn_int


@settings(max_examples=500, derandomize=True)
@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_every_written_number_reads_back(n):
    assert cn_int(cn2an.an2cn(n)) == n


@pytest.mark.parametrize("numeral", ["一百二", "三万五", "两千", "两万两千", "二〇二四", "零五", "一千零五", "一千万零一",
                                     "十三", "十万", "一亿二千万", "三千零", "一百零", "五十八万"])
def test_spoken_and_digit_forms_as_cn2an_reads_them(numeral):
    assert cn_int(numeral) == cn2an.cn2an(numeral.replace("〇", "零"), "normal")


@pytest.mark.parametrize("numeral", ["百", "千", "万", "", "十十", "一二百", "三点五", "百分"])
def test_not_a_numeral(numeral):
    assert cn_int(numeral) is None
