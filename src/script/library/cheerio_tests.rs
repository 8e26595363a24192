//! cheerio against values computed with cheerio 0.22 (the sandbox's).

use super::test_support::assert_json;

#[test]
fn load_selects_and_reads_as_cheerio() {
    let html = "<html><head><title>Hi &amp; bye</title></head><body><ul id=\\\"l\\\" class=\\\"a b\\\">\
        <li class=\\\"x\\\" data-n=\\\"5\\\">One</li><li>Two <b>bold</b></li><li class=\\\"x\\\">Three</li></ul>\
        <input name=\\\"q\\\" value=\\\"v\\\"><select id=\\\"s\\\"><option value=\\\"1\\\">A</option>\
        <option value=\\\"2\\\" selected>B</option></select><br></body></html>";
    let prelude = format!("var $ = cheerio.load(\"{html}\"); var $r = require('cheerio').load('<p>a<i>b</i></p>');");
    assert_json(
        &prelude,
        &[
            ("[$('title').text(), $('li').length, $('li.x').map(function (i, e) { return $(e).text(); }).get()]", r#"["Hi & bye",3,["One","Three"]]"#),
            ("[$('ul').find('b').text(), $('li').eq(1).html(), $('li').first().attr('class'), $('li').last().text()]", r#"["bold","Two <b>bold</b>","x","Three"]"#),
            ("[$('ul').children().length, $('b').parent().text(), $('ul').hasClass('b'), $('input').val(), $('#s').val()]", r#"[3,"Two bold",true,"v","2"]"#),
            ("[$('li').first().data('n'), $('li').toArray().length, $('ul > li:nth-child(2)').text(), $('li').filter('.x').length]", r#"[5,3,"Two bold",2]"#),
            ("[$('li').is('.x'), $('ul').attr('id'), $('nothing').text(), $('body').children().first().next().attr('name')]", r#"[true,"l","","q"]"#),
            ("(function () { var seen = []; $('li').each(function (i, e) { seen.push(i + $(this).text()); }); return seen; })()", r#"["0One","1Two bold","2Three"]"#),
            ("[$r.html(), $r('p').html(), $r.text()]", r#"["<p>a<i>b</i></p>","a<i>b</i>","ab"]"#),
        ],
    );
}
