// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {PlasmaTestBase} from "./PlasmaTestBase.sol";
import {TxEncoder} from "./TxEncoder.sol";
import {Position} from "../../src/lib/Position.sol";

/// @notice The in-flight exit game (registered by PlasmaTestBase), and builders for in-flight transactions.
abstract contract InFlightTestBase is PlasmaTestBase {
    uint256 internal constant PB_REFUND = PB_BOND - PB_BOUNTY;

    address internal processor;

    /// @dev An output that an in-flight transaction spends, with what proves it.
    struct Input {
        uint256 position;
        bytes txBytes;
        Included inc;
        uint256 ownerKey;
    }

    /// @dev The arguments of startInFlightExit.
    struct Ife {
        bytes txBytes;
        bytes[] inputTxs;
        uint256[] inputPositions;
        bytes[] proofs;
        uint256[] timestamps;
        bytes[] sigs;
    }

    /// @dev `inFlightExits(id)` as a struct.
    struct View {
        address initiator;
        address bondOwner;
        uint256 startedAt;
        uint256 exitableAt;
        uint256 youngestInputPosition;
        uint256 oldestCompetitorPosition;
        bool isCanonical;
        uint8 piggybackedInputs;
        uint8 piggybackedOutputs;
        bool finalized;
    }

    function setUp() public virtual override {
        super.setUp();
        processor = makeAddr("processor");
    }

    // ---- inputs ----

    /// @dev An ETH output of `owner` in a child block (a deposit spent to the owner, then included).
    function _childOutput(address owner, uint256 key, uint256 amount) internal returns (Input memory in_) {
        (uint256 d,,) = _depositEth(owner, amount);
        in_.txBytes = TxEncoder.payment(d, owner, address(0), amount);
        in_.inc = _submitOne(in_.txBytes);
        in_.position = in_.inc.blkNum * Position.BLOCK_OFFSET;
        in_.ownerKey = key;
    }

    /// @dev An ETH deposit output of `owner`.
    function _depositInput(address owner, uint256 key, uint256 amount) internal returns (Input memory in_) {
        (in_.position, in_.txBytes, in_.inc) = _depositEth(owner, amount);
        in_.ownerKey = key;
    }

    // ---- in-flight transactions ----

    function _outs1(address o0, uint256 a0) internal pure returns (TxEncoder.Out[] memory outs) {
        outs = new TxEncoder.Out[](1);
        outs[0] = TxEncoder.Out(o0, address(0), a0);
    }

    function _outs2(address o0, uint256 a0, address o1, uint256 a1) internal pure returns (TxEncoder.Out[] memory outs) {
        outs = new TxEncoder.Out[](2);
        outs[0] = TxEncoder.Out(o0, address(0), a0);
        outs[1] = TxEncoder.Out(o1, address(0), a1);
    }

    function _one(Input memory a) internal pure returns (Input[] memory ins) {
        ins = new Input[](1);
        ins[0] = a;
    }

    function _two(Input memory a, Input memory b) internal pure returns (Input[] memory ins) {
        ins = new Input[](2);
        ins[0] = a;
        ins[1] = b;
    }

    /// @dev A payment spending `ins` into `outs`, signed by every input's owner.
    function _build(Input[] memory ins, TxEncoder.Out[] memory outs, bytes32 metadata)
        internal
        view
        returns (Ife memory f)
    {
        uint256 n = ins.length;
        f.inputPositions = new uint256[](n);
        for (uint256 i = 0; i < n; ++i) f.inputPositions[i] = ins[i].position;
        f.txBytes = TxEncoder.encodeTx(1, f.inputPositions, outs, metadata);
        f.inputTxs = new bytes[](n);
        f.proofs = new bytes[](n);
        f.timestamps = new uint256[](n);
        f.sigs = new bytes[](n);
        for (uint256 i = 0; i < n; ++i) {
            f.inputTxs[i] = ins[i].txBytes;
            f.proofs[i] = ins[i].inc.proof;
            f.timestamps[i] = ins[i].inc.timestamp;
            f.sigs[i] = _sign(ins[i].ownerKey, f.txBytes);
        }
    }

    /// @dev Alice (a 5 ETH child-block output) pays bob 3 ETH and herself 2 ETH.
    function _alicePaysBob() internal returns (Ife memory f, Input memory a) {
        a = _childOutput(alice, aliceKey, 5 ether);
        f = _build(_one(a), _outs2(bob, 3 ether, alice, 2 ether), bytes32(0));
    }

    /// @dev Another transaction alice signs that spends the same input (pays carol).
    function _competitor(Input memory a) internal view returns (bytes memory c, bytes memory sig) {
        c = TxEncoder.payment(a.position, carol, address(0), 5 ether);
        sig = _sign(aliceKey, c);
    }

    // ---- actions ----

    function _startIfe(address who, Ife memory f) internal {
        vm.prank(who);
        ife.startInFlightExit{value: IFE_BOND}(f.txBytes, f.inputTxs, f.inputPositions, f.proofs, f.timestamps, f.sigs);
    }

    function _pbIn(address who, Ife memory f, uint8 i) internal {
        vm.prank(who);
        ife.piggybackInFlightExitOnInput{value: PB_BOND}(f.txBytes, i);
    }

    function _pbOut(address who, Ife memory f, uint8 i) internal {
        vm.prank(who);
        ife.piggybackInFlightExitOnOutput{value: PB_BOND}(f.txBytes, i);
    }

    function _idOf(bytes memory txBytes) internal pure returns (uint256) {
        return uint120(uint256(keccak256(txBytes)));
    }

    /// @dev Commits `c` as `who` and mines a block, so that the reveal may follow.
    function _commit(address who, bytes32 c) internal {
        vm.prank(who);
        fw.commitChallenge(c);
        vm.roll(block.number + 1);
    }

    function _txCommitment(address who, bytes memory inFlightTx, bytes memory other) internal pure returns (bytes32) {
        return keccak256(abi.encode(who, _idOf(inFlightTx), keccak256(other)));
    }

    function _responseCommitment(address who, bytes memory inFlightTx, uint256 position)
        internal
        pure
        returns (bytes32)
    {
        return keccak256(abi.encode(who, _idOf(inFlightTx), bytes32(position)));
    }

    /// @dev Shows a competitor that is not included, as `who` (commit, then reveal).
    function _challengeNotIncluded(address who, Ife memory f, bytes memory c, bytes memory sig) internal {
        _commit(who, _txCommitment(who, f.txBytes, c));
        vm.prank(who);
        ife.challengeInFlightExitNotCanonical(f.txBytes, 0, c, 0, 0, "", 0, sig);
    }

    function _view(bytes memory txBytes) internal view returns (View memory v) {
        (v.initiator, v.bondOwner, v.startedAt, v.exitableAt, v.youngestInputPosition, v.oldestCompetitorPosition,,,,)
        = ife.inFlightExits(_idOf(txBytes));
        (,,,,,, v.isCanonical, v.piggybackedInputs, v.piggybackedOutputs, v.finalized) = ife.inFlightExits(_idOf(txBytes));
    }

    function _exitableAt(bytes memory txBytes) internal view returns (uint256) {
        return _view(txBytes).exitableAt;
    }

    /// @dev Waits until the exit is processable and processes `n` entries of `token` as the processor.
    function _process(bytes memory txBytes, address token, uint256 n) internal {
        uint256 at = _exitableAt(txBytes);
        if (block.timestamp < at) vm.warp(at);
        vm.prank(processor);
        fw.processExits(token, n);
    }
}
