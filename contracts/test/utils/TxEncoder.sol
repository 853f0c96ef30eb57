// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Position} from "../../src/lib/Position.sol";

/// @notice Test-side RLP encoder for transactions, written independently of the contract's decoder so
///         that tests do not check the decoder against itself.
library TxEncoder {
    struct Out {
        address owner;
        address token;
        uint256 amount;
    }

    function encodeUint(uint256 v) internal pure returns (bytes memory) {
        if (v == 0) return hex"80";
        if (v < 0x80) return abi.encodePacked(uint8(v));
        bytes memory b = abi.encodePacked(v);
        uint256 skip;
        while (b[skip] == 0) ++skip;
        bytes memory trimmed = new bytes(32 - skip);
        for (uint256 i = 0; i < trimmed.length; ++i) trimmed[i] = b[skip + i];
        return encodeString(trimmed);
    }

    function encodeString(bytes memory s) internal pure returns (bytes memory) {
        if (s.length == 1 && uint8(s[0]) < 0x80) return s;
        return abi.encodePacked(_header(0x80, s.length), s);
    }

    function encodeList(bytes[] memory items) internal pure returns (bytes memory payload) {
        for (uint256 i = 0; i < items.length; ++i) payload = abi.encodePacked(payload, items[i]);
        return abi.encodePacked(_header(0xc0, payload.length), payload);
    }

    function _header(uint8 base, uint256 len) private pure returns (bytes memory) {
        if (len < 56) return abi.encodePacked(uint8(base + len));
        bytes memory l = encodeUint(len); // a string header around the big-endian length bytes
        uint256 lenOfLen = l.length == 1 ? 1 : l.length - 1;
        bytes memory lenBytes = new bytes(lenOfLen);
        for (uint256 i = 0; i < lenOfLen; ++i) lenBytes[i] = l[l.length - lenOfLen + i];
        return abi.encodePacked(uint8(base + 55 + lenOfLen), lenBytes);
    }

    function encodeTx(uint256 txType, uint256[] memory inputs, Out[] memory outs, bytes32 metadata)
        internal
        pure
        returns (bytes memory)
    {
        bytes[] memory ins = new bytes[](inputs.length);
        for (uint256 i = 0; i < inputs.length; ++i) ins[i] = encodeUint(inputs[i]);
        bytes[] memory os = new bytes[](outs.length);
        for (uint256 i = 0; i < outs.length; ++i) {
            bytes[] memory o = new bytes[](4);
            o[0] = encodeUint(1);
            o[1] = encodeString(abi.encodePacked(outs[i].owner));
            o[2] = encodeString(abi.encodePacked(outs[i].token));
            o[3] = encodeUint(outs[i].amount);
            os[i] = encodeList(o);
        }
        bytes[] memory fields = new bytes[](4);
        fields[0] = encodeUint(txType);
        fields[1] = encodeList(ins);
        fields[2] = encodeList(os);
        fields[3] = encodeString(abi.encodePacked(metadata));
        return encodeList(fields);
    }

    function payment(uint256 input, address owner, address token, uint256 amount) internal pure returns (bytes memory) {
        uint256[] memory inputs = new uint256[](1);
        inputs[0] = input;
        Out[] memory outs = new Out[](1);
        outs[0] = Out(owner, token, amount);
        return encodeTx(1, inputs, outs, bytes32(0));
    }

    function deposit(address owner, address token, uint256 amount) internal pure returns (bytes memory) {
        Out[] memory outs = new Out[](1);
        outs[0] = Out(owner, token, amount);
        return encodeTx(1, new uint256[](0), outs, bytes32(0));
    }

    /// @dev A random valid transaction: type, 0 to 4 distinct valid inputs of 3 to 8 bytes, 1 to 4 outputs
    ///      with amounts of 1 to 24 bytes (single bytes below 0x80 too), any owner and token.
    function randomValidTx(uint256 seed) internal pure returns (bytes memory) {
        uint256 txType = seed % 7 == 0 ? 2 : 1;
        uint256 nIn = txType == 2 ? 0 : (seed >> 8) % 5;
        uint256 nOut = nIn == 0 && txType == 1 ? 1 : 1 + (seed >> 16) % 4;
        uint256[] memory ins = new uint256[](nIn);
        for (uint256 i = 0; i < nIn; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, "in", i)));
            uint256 blk = 1 + r % (Position.MAX_POSITION / Position.BLOCK_OFFSET - 1) >> (r >> 200) % 44;
            ins[i] = (blk == 0 ? 1 : blk) * Position.BLOCK_OFFSET + (r >> 64) % 65536 * Position.TX_OFFSET + i;
        }
        Out[] memory outs = new Out[](nOut);
        for (uint256 i = 0; i < nOut; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, "out", i)));
            uint256 amount = (r >> 64) >> (r % 193);
            outs[i] = Out(
                address(uint160(r | 1)), r % 3 == 0 ? address(0) : address(uint160(r >> 96)), amount == 0 ? 1 : amount
            );
        }
        return encodeTx(txType, ins, outs, bytes32(seed));
    }
}
