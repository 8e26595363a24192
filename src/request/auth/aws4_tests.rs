use super::*;

const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

fn vanilla<'a>(path: &'a str, query: Option<&'a str>, headers: &'a [(String, String)]) -> Request<'a> {
    Request {
        access_key: "AKIDEXAMPLE",
        secret_key: SECRET,
        region: "us-east-1",
        service: "service",
        datetime: "20150830T123600Z",
        method: "GET",
        path,
        query,
        headers,
        payload_hash: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    }
}

fn suite_headers() -> Vec<(String, String)> {
    vec![
        ("Host".into(), "example.amazonaws.com".into()),
        ("X-Amz-Date".into(), "20150830T123600Z".into()),
    ]
}

#[test]
fn get_vanilla() {
    // AWS SigV4 test suite: get-vanilla.
    let h = suite_headers();
    assert_eq!(
        authorization(&vanilla("/", None, &h)),
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, \
         SignedHeaders=host;x-amz-date, \
         Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
    );
}

#[test]
fn get_vanilla_query_order_key_case() {
    // AWS SigV4 test suite: get-vanilla-query-order-key-case.
    let h = suite_headers();
    assert_eq!(
        signature(&vanilla("/", Some("Param2=value2&Param1=value1"), &h)),
        "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"
    );
}

#[test]
fn civil_dates() {
    assert_eq!(civil_from_days(0), (1970, 1, 1));
    assert_eq!(civil_from_days(16_677), (2015, 8, 30));
}
