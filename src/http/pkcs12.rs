//! A small reader of PKCS#12 files (`.p12`, `.pfx`, RFC 7292): the integrity MAC checked
//! with the passphrase, then the first private key and the certificates, their bags
//! decrypted with PBES2 (PBKDF2 or scrypt, AES) or the legacy PKCS#12 schemes (3DES,
//! RC2) that older OpenSSL and Windows exports use.

use aes::cipher::{Block, BlockCipherDecrypt, KeyInit};
use ring::digest;

/// Why a PKCS#12 file cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Pkcs12Error {
    /// The MAC does not match: the passphrase is wrong.
    WrongPassphrase,
    /// Malformed or of a kind not supported; the reason.
    Invalid(String),
}

/// A file's private key (PKCS#8 DER) and certificates (DER), the key's first.
pub(super) struct Contents {
    pub key: Vec<u8>,
    pub certs: Vec<Vec<u8>>,
}

const OID_DATA: &[u8] = &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01];
const OID_ENCRYPTED_DATA: &[u8] = &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x06];
const OID_KEY_BAG: &[u8] = &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x0C, 0x0A, 0x01, 0x01];
const OID_SHROUDED_KEY_BAG: &[u8] =
    &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x0C, 0x0A, 0x01, 0x02];
const OID_CERT_BAG: &[u8] = &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x0C, 0x0A, 0x01, 0x03];
const OID_X509: &[u8] = &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x16, 0x01];
const OID_PBE_3DES: &[u8] = &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x0C, 0x01, 0x03];
const OID_PBE_RC2_128: &[u8] = &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x0C, 0x01, 0x05];
const OID_PBE_RC2_40: &[u8] = &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x0C, 0x01, 0x06];
const OID_SHA1: &[u8] = &[0x2B, 0x0E, 0x03, 0x02, 0x1A];
const OID_SHA256: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01];
const OID_SHA384: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02];
const OID_SHA512: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03];

const SEQUENCE: u8 = 0x30;
const INTEGER: u8 = 0x02;
const OCTET_STRING: u8 = 0x04;
const OID: u8 = 0x06;
const EXPLICIT_0: u8 = 0xA0;
const IMPLICIT_0: u8 = 0x80;

fn invalid(what: &str) -> Pkcs12Error {
    Pkcs12Error::Invalid(format!("malformed PKCS#12 file ({what})"))
}

/// One DER element: its tag, its content, and the whole element's bytes.
#[derive(Clone, Copy)]
struct Tlv<'a> {
    tag: u8,
    content: &'a [u8],
    whole: &'a [u8],
}

/// The element at the start of `input`, and what follows it.
fn tlv<'a>(input: &'a [u8], what: &str) -> Result<(Tlv<'a>, &'a [u8]), Pkcs12Error> {
    let (&tag, rest) = input.split_first().ok_or_else(|| invalid(what))?;
    let (&first, rest) = rest.split_first().ok_or_else(|| invalid(what))?;
    let (len, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else {
        let n = usize::from(first & 0x7F);
        if n == 0 || n > 4 || rest.len() < n {
            return Err(invalid(what));
        }
        let len = rest[..n]
            .iter()
            .fold(0usize, |acc, b| (acc << 8) | usize::from(*b));
        (len, &rest[n..])
    };
    if rest.len() < len {
        return Err(invalid(what));
    }
    let header = input.len() - rest.len();
    Ok((
        Tlv {
            tag,
            content: &rest[..len],
            whole: &input[..header + len],
        },
        &rest[len..],
    ))
}

/// The element at the start of `input`, which must have tag `tag`.
fn expect<'a>(input: &'a [u8], tag: u8, what: &str) -> Result<(Tlv<'a>, &'a [u8]), Pkcs12Error> {
    let (element, rest) = tlv(input, what)?;
    if element.tag != tag {
        return Err(invalid(what));
    }
    Ok((element, rest))
}

/// Every element of a SEQUENCE's (or SET's) content.
fn elements<'a>(mut content: &'a [u8], what: &str) -> Result<Vec<Tlv<'a>>, Pkcs12Error> {
    let mut out = Vec::new();
    while !content.is_empty() {
        let (element, rest) = tlv(content, what)?;
        out.push(element);
        content = rest;
    }
    Ok(out)
}

/// A small unsigned INTEGER.
fn integer(element: &Tlv<'_>, what: &str) -> Result<u32, Pkcs12Error> {
    if element.tag != INTEGER || element.content.is_empty() || element.content.len() > 5 {
        return Err(invalid(what));
    }
    u32::try_from(
        element
            .content
            .iter()
            .fold(0u64, |acc, b| (acc << 8) | u64::from(*b)),
    )
    .map_err(|_| invalid(what))
}

/// The passphrase as PKCS#12's KDF and MAC take it: UTF-16 big-endian and two zero bytes.
fn bmp_password(passphrase: &str) -> Vec<u8> {
    let mut out: Vec<u8> = passphrase
        .encode_utf16()
        .flat_map(u16::to_be_bytes)
        .collect();
    out.extend([0, 0]);
    out
}

/// RFC 7292 appendix B.2: `len` bytes of key material of purpose `id` (1 key, 2 IV, 3 MAC).
fn kdf(
    alg: &'static digest::Algorithm,
    password: &[u8],
    salt: &[u8],
    iterations: u32,
    id: u8,
    len: usize,
) -> Vec<u8> {
    let v = alg.block_len();
    let u = alg.output_len();
    let fill = |data: &[u8]| -> Vec<u8> {
        if data.is_empty() {
            return Vec::new();
        }
        let n = v * data.len().div_ceil(v);
        data.iter().copied().cycle().take(n).collect()
    };
    let mut i: Vec<u8> = fill(salt);
    i.extend(fill(password));
    let d = vec![id; v];
    let mut out = Vec::with_capacity(len + u);
    while out.len() < len {
        let mut a = digest::digest(alg, &[d.as_slice(), i.as_slice()].concat());
        for _ in 1..iterations.max(1) {
            a = digest::digest(alg, a.as_ref());
        }
        let b: Vec<u8> = a.as_ref().iter().copied().cycle().take(v).collect();
        for block in i.chunks_mut(v) {
            // block = (block + b + 1) mod 2^(8v), big-endian.
            let mut carry = 1u16;
            for (x, y) in block.iter_mut().rev().zip(b.iter().rev()) {
                let sum = u16::from(*x) + u16::from(*y) + carry;
                *x = sum as u8;
                carry = sum >> 8;
            }
        }
        out.extend_from_slice(a.as_ref());
    }
    out.truncate(len);
    out
}

/// CBC decryption with PKCS#7 padding removed.
fn cbc_decrypt<C: BlockCipherDecrypt>(
    cipher: &C,
    iv: &[u8],
    data: &[u8],
) -> Result<Vec<u8>, Pkcs12Error> {
    let size = Block::<C>::default().len();
    if data.is_empty() || !data.len().is_multiple_of(size) || iv.len() != size {
        return Err(invalid("encrypted data"));
    }
    let mut chain = iv.to_vec();
    let mut out = Vec::with_capacity(data.len());
    for chunk in data.chunks(size) {
        let mut block = Block::<C>::default();
        block.copy_from_slice(chunk);
        cipher.decrypt_block(&mut block);
        out.extend(block.iter().zip(&chain).map(|(a, b)| a ^ b));
        chain = chunk.to_vec();
    }
    let pad = usize::from(out.last().copied().unwrap_or(0));
    if pad == 0 || pad > size || out[out.len() - pad..].iter().any(|b| usize::from(*b) != pad) {
        return Err(Pkcs12Error::WrongPassphrase);
    }
    out.truncate(out.len() - pad);
    Ok(out)
}

/// Decrypts `data` encrypted with the scheme of `algorithm` (an AlgorithmIdentifier).
fn decrypt(algorithm: &Tlv<'_>, data: &[u8], passphrase: &str) -> Result<Vec<u8>, Pkcs12Error> {
    let parts = elements(algorithm.content, "encryption algorithm")?;
    let oid = parts
        .first()
        .filter(|p| p.tag == OID)
        .ok_or_else(|| invalid("encryption algorithm"))?
        .content;
    if oid == OID_PBE_3DES || oid == OID_PBE_RC2_40 || oid == OID_PBE_RC2_128 {
        let params = parts
            .get(1)
            .filter(|p| p.tag == SEQUENCE)
            .ok_or_else(|| invalid("PBE parameters"))?;
        let params = elements(params.content, "PBE parameters")?;
        let (salt, iterations) = match params.as_slice() {
            [salt, iterations] if salt.tag == OCTET_STRING => {
                (salt.content, integer(iterations, "PBE iterations")?)
            }
            _ => return Err(invalid("PBE parameters")),
        };
        let password = bmp_password(passphrase);
        let sha1 = &digest::SHA1_FOR_LEGACY_USE_ONLY;
        let key_len = match oid {
            o if o == OID_PBE_3DES => 24,
            o if o == OID_PBE_RC2_128 => 16,
            _ => 5,
        };
        let key = kdf(sha1, &password, salt, iterations, 1, key_len);
        let iv = kdf(sha1, &password, salt, iterations, 2, 8);
        return if oid == OID_PBE_3DES {
            let cipher = des::TdesEde3::new_from_slice(&key).map_err(|_| invalid("3DES key"))?;
            cbc_decrypt(&cipher, &iv, data)
        } else {
            cbc_decrypt(&rc2::Rc2::new_with_eff_key_len(&key, key_len * 8), &iv, data)
        };
    }
    let scheme = pkcs8::pkcs5::EncryptionScheme::try_from(algorithm.whole).map_err(|e| {
        Pkcs12Error::Invalid(format!("unsupported encryption scheme in the PKCS#12 file: {e}"))
    })?;
    // PBES2 takes the passphrase's UTF-8 bytes, as OpenSSL writes it.
    scheme
        .decrypt(passphrase, data)
        .map_err(|_| Pkcs12Error::WrongPassphrase)
}

/// Checks the `MacData` over `auth_safe` with the passphrase.
fn check_mac(mac_data: &Tlv<'_>, auth_safe: &[u8], passphrase: &str) -> Result<(), Pkcs12Error> {
    let parts = elements(mac_data.content, "MAC")?;
    let (digest_info, salt, iterations) = match parts.as_slice() {
        [d, s] if s.tag == OCTET_STRING => (d, s.content, 1),
        [d, s, i] if s.tag == OCTET_STRING => (d, s.content, integer(i, "MAC iterations")?),
        _ => return Err(invalid("MAC")),
    };
    let (algorithm, rest) = expect(digest_info.content, SEQUENCE, "MAC algorithm")?;
    let (expected, _) = expect(rest, OCTET_STRING, "MAC digest")?;
    let (oid, _) = expect(algorithm.content, OID, "MAC algorithm")?;
    let (alg, hmac_alg) = match oid.content {
        o if o == OID_SHA1 => (
            &digest::SHA1_FOR_LEGACY_USE_ONLY,
            ring::hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY,
        ),
        o if o == OID_SHA256 => (&digest::SHA256, ring::hmac::HMAC_SHA256),
        o if o == OID_SHA384 => (&digest::SHA384, ring::hmac::HMAC_SHA384),
        o if o == OID_SHA512 => (&digest::SHA512, ring::hmac::HMAC_SHA512),
        _ => {
            return Err(Pkcs12Error::Invalid(
                "the PKCS#12 file's MAC uses an unsupported hash (SHA-1 or SHA-2 expected)"
                    .to_string(),
            ));
        }
    };
    let key = kdf(
        alg,
        &bmp_password(passphrase),
        salt,
        iterations,
        3,
        alg.output_len(),
    );
    ring::hmac::verify(
        &ring::hmac::Key::new(hmac_alg, &key),
        auth_safe,
        expected.content,
    )
    .map_err(|_| Pkcs12Error::WrongPassphrase)
}

/// The content of a `ContentInfo` of type data: its OCTET STRING.
fn data_content<'a>(explicit: &Tlv<'a>) -> Result<&'a [u8], Pkcs12Error> {
    let (octets, _) = expect(explicit.content, OCTET_STRING, "data")?;
    Ok(octets.content)
}

/// Reads the key and certificates of a PKCS#12 file.
pub(super) fn read(file: &[u8], passphrase: &str) -> Result<Contents, Pkcs12Error> {
    let (pfx, _) = expect(file, SEQUENCE, "PFX")?;
    let parts = elements(pfx.content, "PFX")?;
    let (auth_safe_info, mac_data) = match parts.as_slice() {
        [version, info, mac] if integer(version, "version")? == 3 => (info, Some(mac)),
        [version, info] if integer(version, "version")? == 3 => (info, None),
        _ => return Err(invalid("PFX")),
    };
    let (oid, rest) = expect(auth_safe_info.content, OID, "authSafe")?;
    if oid.content != OID_DATA {
        return Err(Pkcs12Error::Invalid(
            "public-key protected PKCS#12 files are not supported".to_string(),
        ));
    }
    let (explicit, _) = expect(rest, EXPLICIT_0, "authSafe")?;
    let auth_safe = data_content(&explicit)?;
    if let Some(mac) = mac_data {
        check_mac(mac, auth_safe, passphrase)?;
    }
    let (safes, _) = expect(auth_safe, SEQUENCE, "authSafe")?;
    let mut keys = Vec::new();
    let mut certs = Vec::new();
    for info in elements(safes.content, "authSafe")? {
        let (oid, rest) = expect(info.content, OID, "ContentInfo")?;
        let (explicit, _) = expect(rest, EXPLICIT_0, "ContentInfo")?;
        let safe_contents = if oid.content == OID_DATA {
            data_content(&explicit)?.to_vec()
        } else if oid.content == OID_ENCRYPTED_DATA {
            let (encrypted_data, _) = expect(explicit.content, SEQUENCE, "EncryptedData")?;
            let (_version, rest) = expect(encrypted_data.content, INTEGER, "EncryptedData")?;
            let (content_info, _) = expect(rest, SEQUENCE, "EncryptedContentInfo")?;
            let (_type, rest) = expect(content_info.content, OID, "EncryptedContentInfo")?;
            let (algorithm, rest) = expect(rest, SEQUENCE, "EncryptedContentInfo")?;
            let (content, _) = expect(rest, IMPLICIT_0, "EncryptedContentInfo")?;
            decrypt(&algorithm, content.content, passphrase)?
        } else {
            continue;
        };
        read_bags(&safe_contents, passphrase, &mut keys, &mut certs)?;
    }
    let key = keys
        .into_iter()
        .next()
        .ok_or_else(|| Pkcs12Error::Invalid("the PKCS#12 file holds no private key".into()))?;
    Ok(Contents { key, certs })
}

/// Collects the keys (PKCS#8 DER, decrypted) and certificates of a `SafeContents`.
fn read_bags(
    safe_contents: &[u8],
    passphrase: &str,
    keys: &mut Vec<Vec<u8>>,
    certs: &mut Vec<Vec<u8>>,
) -> Result<(), Pkcs12Error> {
    let (bags, _) = expect(safe_contents, SEQUENCE, "SafeContents")?;
    for bag in elements(bags.content, "SafeContents")? {
        let (oid, rest) = expect(bag.content, OID, "SafeBag")?;
        let (value, _) = expect(rest, EXPLICIT_0, "SafeBag")?;
        if oid.content == OID_KEY_BAG {
            keys.push(value.content.to_vec());
        } else if oid.content == OID_SHROUDED_KEY_BAG {
            let (info, _) = expect(value.content, SEQUENCE, "shrouded key")?;
            let (algorithm, rest) = expect(info.content, SEQUENCE, "shrouded key")?;
            let (data, _) = expect(rest, OCTET_STRING, "shrouded key")?;
            keys.push(decrypt(&algorithm, data.content, passphrase)?);
        } else if oid.content == OID_CERT_BAG {
            let (cert_bag, _) = expect(value.content, SEQUENCE, "certificate")?;
            let (kind, rest) = expect(cert_bag.content, OID, "certificate")?;
            if kind.content == OID_X509 {
                let (explicit, _) = expect(rest, EXPLICIT_0, "certificate")?;
                certs.push(data_content(&explicit)?.to_vec());
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PKCS#12 file of a generated key and certificate under `passphrase`.
    fn sample(passphrase: &str) -> (Vec<u8>, Vec<u8>) {
        let key = rcgen::KeyPair::generate().unwrap();
        let cert = rcgen::CertificateParams::new(vec!["client".to_string()])
            .unwrap()
            .self_signed(&key)
            .unwrap();
        let chain = p12_keystore::PrivateKeyChain::new(
            b"id".to_vec(),
            p12_keystore::PrivateKey::from_der(&key.serialize_der()).unwrap(),
            [p12_keystore::Certificate::from_der(cert.der()).unwrap()],
        );
        let mut store = p12_keystore::KeyStore::new();
        store.add_entry("c", p12_keystore::KeyStoreEntry::PrivateKeyChain(chain));
        (store.writer(passphrase).write().unwrap(), key.serialize_der())
    }

    #[test]
    fn reads_the_key_and_refuses_a_wrong_passphrase() {
        let (file, key) = sample("pw");
        let contents = read(&file, "pw").unwrap();
        assert_eq!(contents.key, key);
        assert_eq!(contents.certs.len(), 1);
        assert!(matches!(read(&file, "nope"), Err(Pkcs12Error::WrongPassphrase)));
    }

    #[test]
    fn malformed_input_is_an_error_not_a_panic() {
        let (file, _) = sample("pw");
        for len in (0..file.len()).step_by(7) {
            assert!(read(&file[..len], "pw").is_err(), "{len}");
        }
        let mut flipped = file.clone();
        for i in (0..flipped.len()).step_by(13) {
            flipped[i] ^= 0xFF;
            let _ = read(&flipped, "pw");
            flipped[i] ^= 0xFF;
        }
        assert!(read(b"\x30\x84\xff\xff\xff\xff", "").is_err());
        assert!(read(b"not a pkcs12 file", "").is_err());
    }

    #[test]
    fn kdf_matches_a_known_vector() {
        // PKCS#12 KDF, SHA-1, ID 1, password "smeg", salt 0A58CF64530D823F, 1 iteration:
        // the key of the test vectors of OpenSSL and Bouncy Castle.
        let key = kdf(
            &digest::SHA1_FOR_LEGACY_USE_ONLY,
            &bmp_password("smeg"),
            &[0x0A, 0x58, 0xCF, 0x64, 0x53, 0x0D, 0x82, 0x3F],
            1,
            1,
            24,
        );
        assert_eq!(
            hex::encode(key),
            "8aaae6297b6cb04642ab5b077851284eb7128f1a2a7fbca3"
        );
    }
}
