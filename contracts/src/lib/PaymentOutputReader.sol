// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {PaymentTx} from "./PaymentTx.sol";

/// @title PaymentOutputReader
/// @notice Reads one output of a transaction straight from calldata, accepting exactly the transactions
///         `PaymentTx.decode` accepts (canonical RLP, docs/protocol.md 2.1) but allocating nothing.
/// @dev A mass exit validates up to 256 transactions in one call; the general decoder's item arrays cost
///      about 24k gas for a one-input two-output payment. test/PaymentOutputReader.t.sol checks that both
///      readers accept and reject the same bytes (vectors and fuzzed mutations).
library PaymentOutputReader {
    /// @notice What a mass exit needs of output `outputIndex` (zeros if the index is beyond the outputs).
    struct Read {
        PaymentTx.Output output;
        uint256 inputCount;
        uint256 outputCount;
    }

    /// @notice `read` without a memory result: owner, token and amount of output `outputIndex` (zeros if
    ///         the index is beyond the outputs) and the counts.
    /// @dev Tries `_readCommon` first, which accepts only bytes `read` accepts, and gives the same result;
    ///      anything else (a rare but valid encoding, or an invalid one) goes through `read`, so rejections
    ///      and their errors are always `read`'s.
    function readOutput(bytes calldata txBytes, uint256 outputIndex)
        internal
        pure
        returns (address owner, address token, uint256 amount, uint256 inputCount, uint256 outputCount)
    {
        uint256 counts;
        (owner, token, amount, counts) = _readCommon(txBytes, outputIndex);
        if (counts != 0) return (owner, token, amount, counts & 0xff, counts >> 8);
        Read memory r = read(txBytes, outputIndex);
        return (r.output.owner, r.output.token, r.output.amount, r.inputCount, r.outputCount);
    }

    /// @dev One straight pass over the encoding every honest encoder produces: an outer list with a one-byte
    ///      long-form length, type 0x01 or 0x02, a short input list of 1 to 8-byte positions, a short or
    ///      one-byte long-form output list of short output lists `[0x01, 0x94 owner, 0x94 token, amount]`
    ///      (amount a single byte or a 1 to 24-byte string), and 0xa0 with 32 bytes of metadata. Every
    ///      header and value is checked as `read` checks it (canonical lengths and integers, item ends equal
    ///      to their list's end, valid and distinct inputs, nonzero owner and amount, amount below 2^192, the
    ///      count rules). `counts` is `inputCount | outputCount << 8`, or 0 (nothing else meaningful) when
    ///      any of it does not hold.
    function _readCommon(bytes calldata txBytes, uint256 outputIndex)
        internal
        pure
        returns (address owner, address token, uint256 amount, uint256 counts)
    {
        assembly ("memory-safe") {
            // the inputs from p to listEnd: their count, or next = 0 when one is not a valid distinct position
            function inputsOf(p, listEnd) -> count, next {
                let seen := mload(0x40)
                for {} lt(p, listEnd) {} {
                    let w := calldataload(p)
                    // 1 to 8 bytes without a leading zero; a position is at least 1e6 (BLOCK_OFFSET) and at most 2^63 - 1
                    let l := sub(byte(0, w), 0x80)
                    let x := shr(sub(256, shl(3, l)), shl(8, w))
                    let rest := mod(x, 1000000)
                    let bad := or(or(eq(count, 4), gt(sub(l, 1), 7)), iszero(byte(1, w)))
                    bad := or(
                        or(bad, or(gt(x, 0x7fffffffffffffff), lt(x, 1000000))),
                        or(gt(div(rest, 10), 65535), gt(mod(rest, 10), 3))
                    )
                    for { let j := 0 } lt(j, count) { j := add(j, 1) } {
                        if eq(mload(add(seen, shl(5, j))), x) { bad := 1 }
                    }
                    if bad { leave }
                    mstore(add(seen, shl(5, count)), x)
                    count := add(count, 1)
                    p := add(p, add(l, 1))
                }
                if eq(p, listEnd) { next := p }
            }
            // the outputs from p to listEnd, each [0xc0 + length, 0x01, 0x94 owner, 0x94 token, amount]: their
            // count (0 when one is not so) and output idx; each check only raises `bad`, one branch per output
            function outputsOf(p, listEnd, idx) -> count, o, t, a {
                for {} lt(p, listEnd) {} {
                    let w := calldataload(p)
                    // a short list header, 0x01, 0x94, a nonzero owner, 0x94, and at most four outputs
                    let ow := shr(96, shl(24, w))
                    let bad := or(gt(sub(byte(0, w), 0xc0), 0x37), iszero(eq(and(shr(224, w), 0xffff00), 0x019400)))
                    bad := or(bad, or(or(eq(count, 4), iszero(ow)), iszero(eq(byte(0, calldataload(add(p, 23))), 0x94))))
                    // am: a nonzero single byte below 0x80, or 1 to 24 bytes without a leading zero and,
                    // when one byte, 0x80 or more (`size` counts the header)
                    let v := calldataload(add(p, 44))
                    let am := byte(0, v)
                    let size := 1
                    if gt(am, 0x7f) {
                        size := sub(am, 0x7f)
                        let first := byte(1, v)
                        bad := or(bad, or(or(gt(size, 25), eq(size, 1)), or(iszero(first), and(eq(size, 2), lt(first, 0x80)))))
                        am := shr(sub(264, shl(3, size)), shl(8, v))
                    }
                    let next := add(add(p, 44), size)
                    bad := or(bad, or(iszero(am), iszero(eq(next, add(add(p, 1), sub(byte(0, w), 0xc0))))))
                    if bad {
                        count := 0
                        leave
                    }
                    if eq(count, idx) {
                        o := ow
                        t := shr(96, calldataload(add(p, 24)))
                        a := am
                    }
                    count := add(count, 1)
                    p := next
                }
                if iszero(eq(p, listEnd)) { count := 0 }
            }

            // each check only raises `bad`; counts stays 0 unless none did
            let w := calldataload(txBytes.offset)
            let txType := byte(2, w)
            // outer list: 0xf8 and a length >= 56 reaching the end; type 1 or 2; a short input list
            let bad := or(
                iszero(eq(byte(0, w), 0xf8)), or(lt(byte(1, w), 56), iszero(eq(add(2, byte(1, w)), txBytes.length)))
            )
            bad := or(bad, or(iszero(or(eq(txType, 1), eq(txType, 2))), gt(sub(byte(3, w), 0xc0), 0x37)))
            if iszero(bad) {
                let inputCount, next := inputsOf(add(txBytes.offset, 4), add(add(txBytes.offset, 4), sub(byte(3, w), 0xc0)))
                // a fee transaction has no inputs
                bad := or(iszero(next), and(eq(txType, 2), gt(inputCount, 0)))
                // outputs: 0xc0 + length, or 0xf8 and a length >= 56
                w := calldataload(next)
                let listStart := add(next, 1)
                let listEnd := add(listStart, sub(byte(0, w), 0xc0))
                if eq(byte(0, w), 0xf8) {
                    bad := or(bad, lt(byte(1, w), 56))
                    listStart := add(next, 2)
                    listEnd := add(listStart, byte(1, w))
                }
                if iszero(or(bad, gt(sub(byte(0, w), 0xc0), 0x38))) {
                    let outputCount
                    outputCount, owner, token, amount := outputsOf(listStart, listEnd, outputIndex)
                    // a deposit (a payment without inputs) has one output; metadata is 0xa0 and exactly 32
                    // bytes, the last of the transaction
                    bad := or(iszero(outputCount), and(eq(txType, 1), and(iszero(inputCount), iszero(eq(outputCount, 1)))))
                    bad := or(
                        bad,
                        or(
                            iszero(eq(byte(0, calldataload(listEnd)), 0xa0)),
                            iszero(eq(add(listEnd, 33), add(txBytes.offset, txBytes.length)))
                        )
                    )
                    if iszero(bad) { counts := or(inputCount, shl(8, outputCount)) }
                }
            }
        }
    }

    /// @notice Validates `txBytes` like `PaymentTx.decode` and returns output `outputIndex` and the counts.
    /// @dev One assembly block with Yul helpers: a Solidity function call per RLP item was most of the cost.
    ///      Reverts with the general decoder's errors, its rules checked in its order (type, inputs, a fee
    ///      transaction's inputs, outputs, a deposit's output count).
    function read(bytes calldata txBytes, uint256 outputIndex) internal pure returns (Read memory r) {
        PaymentTx.Output memory out = r.output;
        uint256 txType;
        uint256 inputCount;
        uint256 outputCount;
        assembly ("memory-safe") {
            function failRlp() {
                mstore(0, shl(224, 0x82bd8b74)) // RLPReader.MalformedRlp()
                revert(0, 4)
            }
            function failTx() {
                mstore(0, shl(224, 0xa58c586a)) // PaymentTx.MalformedTx()
                revert(0, 4)
            }
            // a named error with one uint256 argument, in scratch space
            function failWith(selector, value) {
                mstore(0, shl(224, selector))
                mstore(4, value)
                revert(0, 0x24)
            }
            // Position.isValid with Position's constants: 0 < block, tx index <= 65535, output index <= 3,
            // position <= 2^63 - 1
            function isPosition(x) -> ok {
                let rest := mod(x, 1000000)
                ok := and(
                    and(iszero(gt(x, 0x7fffffffffffffff)), iszero(lt(x, 1000000))),
                    and(iszero(gt(div(rest, 10), 65535)), lt(mod(rest, 10), 4))
                )
            }
            // long-form length: at most 4 bytes, no leading zero, and only for lengths above 55
            function longLength(p, end, lenOfLen) -> len, payload {
                payload := add(add(p, 1), lenOfLen)
                if or(gt(lenOfLen, 4), gt(payload, end)) { failRlp() }
                len := shr(mul(8, sub(32, lenOfLen)), calldataload(add(p, 1)))
                if or(lt(len, 56), iszero(shr(mul(sub(lenOfLen, 1), 8), len))) { failRlp() }
            }
            // the item at p (before end): canonical header checks of RLPReader._readItem
            function header(p, end) -> isList, payload, len {
                if iszero(lt(p, end)) { failRlp() }
                let w := calldataload(p)
                let b0 := byte(0, w)
                switch lt(b0, 0x80)
                case 1 {
                    payload := p
                    len := 1
                }
                default {
                    switch lt(b0, 0xb8)
                    case 1 {
                        len := sub(b0, 0x80)
                        payload := add(p, 1)
                        // a lone byte below 0x80 must not carry a string header
                        if eq(len, 1) { if or(iszero(lt(payload, end)), lt(byte(1, w), 0x80)) { failRlp() } }
                    }
                    default {
                        switch lt(b0, 0xc0)
                        case 1 { len, payload := longLength(p, end, sub(b0, 0xb7)) }
                        default {
                            isList := 1
                            switch lt(b0, 0xf8)
                            case 1 {
                                len := sub(b0, 0xc0)
                                payload := add(p, 1)
                            }
                            default { len, payload := longLength(p, end, sub(b0, 0xf7)) }
                        }
                    }
                    if or(gt(payload, end), gt(len, sub(end, payload))) { failRlp() }
                }
            }
            function listItem(p, end) -> payload, next {
                let isList, q, len := header(p, end)
                if iszero(isList) { failRlp() }
                payload := q
                next := add(q, len)
            }
            // canonical unsigned integer (RLPReader.toUint)
            function uintItem(p, end) -> value, next {
                let isList, q, len := header(p, end)
                if or(isList, gt(len, 32)) { failRlp() }
                next := add(q, len)
                if len {
                    let w := calldataload(q)
                    if iszero(byte(0, w)) { failRlp() }
                    value := shr(mul(8, sub(32, len)), w)
                }
            }
            // 20-byte string (RLPReader.toAddress)
            function addressItem(p, end) -> a, next {
                let isList, q, len := header(p, end)
                if or(isList, iszero(eq(len, 20))) { failRlp() }
                a := shr(96, calldataload(q))
                next := add(q, 20)
            }
            // [outputType = 1, owner != 0, token, amount != 0]
            function outputItem(p, end) -> next, owner, token, amount {
                let f, oEnd := listItem(p, end)
                let outputType
                outputType, f := uintItem(f, oEnd)
                owner, f := addressItem(f, oEnd)
                token, f := addressItem(f, oEnd)
                amount, f := uintItem(f, oEnd)
                if iszero(eq(f, oEnd)) { failRlp() }
                if or(iszero(eq(outputType, 1)), or(iszero(owner), iszero(amount))) { failTx() }
                if shr(192, amount) { failWith(0x08083b2a, amount) } // ExitAmount.AmountTooLarge(amount)
                next := oEnd
            }

            let end := add(txBytes.offset, txBytes.length)
            let q, fieldsEnd := listItem(txBytes.offset, end)
            if iszero(eq(fieldsEnd, end)) { failRlp() }
            txType, q := uintItem(q, end)
            if iszero(or(eq(txType, 1), eq(txType, 2))) { failTx() }

            // inputs: at most four distinct output positions, remembered in scratch memory
            let p, listEnd := listItem(q, end)
            let seen := mload(0x40)
            for {} lt(p, listEnd) {} {
                if eq(inputCount, 4) { failRlp() }
                let input
                input, p := uintItem(p, listEnd)
                if iszero(isPosition(input)) { failWith(0x7b344204, input) } // PaymentTx.InvalidInputPosition
                for { let j := 0 } lt(j, inputCount) { j := add(j, 1) } {
                    if eq(mload(add(seen, shl(5, j))), input) { failTx() }
                }
                mstore(add(seen, shl(5, inputCount)), input)
                inputCount := add(inputCount, 1)
            }
            if and(eq(txType, 2), gt(inputCount, 0)) { failTx() } // a fee transaction has no inputs

            // outputs: one to four
            p, listEnd := listItem(listEnd, end)
            for {} lt(p, listEnd) {} {
                if eq(outputCount, 4) { failRlp() }
                let owner, token, amount
                p, owner, token, amount := outputItem(p, listEnd)
                if eq(outputCount, outputIndex) {
                    mstore(out, 1)
                    mstore(add(out, 0x20), owner)
                    mstore(add(out, 0x40), token)
                    mstore(add(out, 0x60), amount)
                }
                outputCount := add(outputCount, 1)
            }
            if iszero(outputCount) { failRlp() }

            // metadata: exactly 32 bytes, and nothing after it
            let isList, m, len := header(listEnd, end)
            if or(isList, iszero(eq(len, 32))) { failRlp() }
            if iszero(eq(add(m, 32), end)) { failRlp() }
        }
        if (txType == PaymentTx.TX_TYPE_PAYMENT && inputCount == 0 && outputCount != 1) {
            revert PaymentTx.DepositNotOneOutput(outputCount);
        }
        r.inputCount = inputCount;
        r.outputCount = outputCount;
    }
}
