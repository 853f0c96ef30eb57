// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {PlasmaTestBase} from "./utils/PlasmaTestBase.sol";
import {TxEncoder} from "./utils/TxEncoder.sol";
import {InFlightTestBase} from "./utils/InFlightTestBase.sol";

/// @notice Gas budgets (docs/contracts.md). foundry.toml sets `isolate = true`, so every call a test makes
///         runs as its own transaction: cold storage, committed original values, and the 21,000 base plus
///         calldata cost included. A gasleft() delta around a call is therefore the whole transaction's
///         gas, comparable to OMG's documented figures. Payees are funded accounts.
///         `forge snapshot --match-contract GasTest --check` guards these tests' totals too.
contract GasTest is PlasmaTestBase {
    event log_named_uint(string key, uint256 val);

    /// @dev Whole-transaction gas. submitBlock's floor is 21,000 base + ~600 calldata + 22,100 (new
    ///      commitment slot) + 5,000 (block counter) + 1,637 (event): ~50.4k, so its budget is 52k;
    ///      its execution gas (without base and calldata) is held to 30k separately.
    uint256 internal constant SUBMIT_BLOCK_BUDGET = 52_000;
    uint256 internal constant SUBMIT_BLOCK_EXECUTION_BUDGET = 30_000;
    uint256 internal constant COMMIT_BUDGET = 52_000;
    uint256 internal constant DEPOSIT_ETH_BUDGET = 85_000;
    uint256 internal constant START_EXIT_BUDGET = 200_000;
    uint256 internal constant CHALLENGE_BUDGET = 130_000;
    uint256 internal constant PROCESS_PER_EXIT_BUDGET = 50_000;

    function test_gas_submitBlock() public {
        vm.prank(operator);
        fw.submitBlock(keccak256("first"));
        vm.prank(operator);
        uint256 g = gasleft();
        fw.submitBlock(keccak256("second"));
        uint256 used = g - gasleft();
        emit log_named_uint("submitBlock", used);
        assertLe(used, SUBMIT_BLOCK_BUDGET, "submitBlock");
        // calldata: 4-byte selector and a 32-byte root, all non-zero bytes at 16 gas
        assertLe(used - 21_000 - 36 * 16, SUBMIT_BLOCK_EXECUTION_BUDGET, "submitBlock execution");
    }

    function test_gas_depositEth() public {
        vm.prank(alice);
        uint256 g = gasleft();
        fw.depositEth{value: 1 ether}();
        uint256 used = g - gasleft();
        emit log_named_uint("depositEth", used);
        assertLe(used, DEPOSIT_ETH_BUDGET, "depositEth");
    }

    /// @dev A 2-in/2-out payment at tx index 3 of a 4-tx block, the first exit in the ETH queue.
    function test_gas_startStandardExit() public {
        (bytes memory spend, Included memory inc) = _block();
        uint256 pos = inc.blkNum * 1e9 + 3 * 1e4 + 1;
        vm.prank(bob);
        uint256 g = gasleft();
        fw.startStandardExit{value: BOND}(pos, spend, inc.proof, inc.timestamp);
        uint256 used = g - gasleft();
        emit log_named_uint("startStandardExit", used);
        assertLe(used, START_EXIT_BUDGET, "startStandardExit");
    }

    function test_gas_commitAndChallenge() public {
        (bytes memory spend, Included memory inc) = _block();
        uint256 pos = inc.blkNum * 1e9 + 3 * 1e4 + 1;
        vm.prank(bob);
        fw.startStandardExit{value: BOND}(pos, spend, inc.proof, inc.timestamp);
        bytes memory spend2 = TxEncoder.payment(pos, carol, address(0), 1 ether);
        bytes memory sig = _sign(bobKey, spend2);

        vm.prank(carol);
        uint256 g = gasleft();
        fw.commitChallenge(_commitment(carol, pos, spend2));
        uint256 commitGas = g - gasleft();
        emit log_named_uint("commitChallenge", commitGas);
        assertLe(commitGas, COMMIT_BUDGET, "commitChallenge");

        vm.roll(block.number + 1);
        vm.prank(carol);
        g = gasleft();
        fw.challengeStandardExit(pos, spend2, 0, sig);
        uint256 used = g - gasleft();
        emit log_named_uint("challengeStandardExit", used);
        assertLe(used, CHALLENGE_BUDGET, "challengeStandardExit");
    }

    function test_gas_processExitsBatchOf10() public {
        for (uint256 i = 0; i < 10; ++i) {
            address owner = address(uint160(0x1000 + i));
            vm.deal(owner, 10 ether);
            (uint256 pos, bytes memory txBytes, Included memory inc) = _depositEth(owner, 1 ether);
            _startExit(owner, pos, txBytes, inc);
        }
        vm.warp(block.timestamp + MEP);
        vm.prank(carol);
        uint256 g = gasleft();
        fw.processExits(address(0), 10);
        uint256 used = g - gasleft();
        // clearing processed exit records earns a refund (EIP-3529, capped at a fifth) that a gasleft()
        // delta cannot see but the transaction's sender is charged net of
        int64 refunded = vm.lastCallGas().gasRefunded;
        uint256 refund = refunded > 0 ? uint256(uint64(refunded)) : 0;
        used -= refund < used / 5 ? refund : used / 5;
        emit log_named_uint("processExits(10)", used);
        emit log_named_uint("processExits per exit", used / 10);
        assertEq(fw.exitQueueLength(address(0)), 0, "all processed");
        assertLe(used, 10 * PROCESS_PER_EXIT_BUDGET, "processExits x10");
    }

    /// @dev A block of four transactions whose last one (2 inputs, 2 outputs) pays bob at output 1.
    function _block() internal returns (bytes memory spend, Included memory inc) {
        (uint256 d1,,) = _depositEth(alice, 2 ether);
        (uint256 d2,,) = _depositEth(alice, 3 ether);
        uint256[] memory ins = new uint256[](2);
        ins[0] = d1;
        ins[1] = d2;
        TxEncoder.Out[] memory outs = new TxEncoder.Out[](2);
        outs[0] = TxEncoder.Out(alice, address(0), 4 ether);
        outs[1] = TxEncoder.Out(bob, address(0), 1 ether);
        spend = TxEncoder.encodeTx(1, ins, outs, bytes32(0));
        bytes[] memory txs = new bytes[](4);
        txs[0] = TxEncoder.payment(9e9, carol, address(0), 1);
        txs[1] = TxEncoder.payment(8e9, carol, address(0), 2);
        txs[2] = TxEncoder.payment(7e9, carol, address(0), 3);
        txs[3] = spend;
        inc = _submit(txs, 3);
    }
}

/// @notice In-flight exit gas (docs/contracts.md), whole transactions as in GasTest. The in-flight tx pays
///         bob 3 ETH and alice 2 ETH from child-block inputs; payees and the processor are funded.
contract InFlightExitGasTest is InFlightTestBase {
    event log_named_uint(string key, uint256 val);

    uint256 internal constant START_1_INPUT_BUDGET = 260_000;
    uint256 internal constant START_2_INPUTS_BUDGET = 380_000;
    uint256 internal constant PIGGYBACK_FIRST_BUDGET = 185_000;
    uint256 internal constant PIGGYBACK_INPUT_BUDGET = 65_000;
    uint256 internal constant CHALLENGE_NOT_CANONICAL_BUDGET = 130_000;
    uint256 internal constant RESPOND_BUDGET = 66_000;
    uint256 internal constant INPUT_SPENT_BUDGET = 120_000;
    uint256 internal constant OUTPUT_SPENT_BUDGET = 115_000;
    uint256 internal constant PROCESS_CANONICAL_BUDGET = 185_000;
    uint256 internal constant PROCESS_NON_CANONICAL_BUDGET = 115_000;

    function setUp() public override {
        super.setUp();
        vm.deal(processor, 1 ether);
    }

    function test_gas_ife_start1Input() public {
        (Ife memory f,) = _alicePaysBob();
        vm.prank(bob);
        uint256 g = gasleft();
        ife.startInFlightExit{value: IFE_BOND}(f.txBytes, f.inputTxs, f.inputPositions, f.proofs, f.timestamps, f.sigs);
        _report("startInFlightExit (1 input)", g - gasleft(), START_1_INPUT_BUDGET);
    }

    function test_gas_ife_start2Inputs() public {
        Input memory a = _childOutput(alice, aliceKey, 5 ether);
        Input memory b = _childOutput(bob, bobKey, 1 ether);
        Ife memory f = _build(_two(a, b), _outs2(carol, 4 ether, alice, 2 ether), bytes32(0));
        vm.prank(carol);
        uint256 g = gasleft();
        ife.startInFlightExit{value: IFE_BOND}(f.txBytes, f.inputTxs, f.inputPositions, f.proofs, f.timestamps, f.sigs);
        _report("startInFlightExit (2 inputs)", g - gasleft(), START_2_INPUTS_BUDGET);
    }

    /// @dev The first piggyback of a token queues the exit; a later one of the same token does not.
    function test_gas_ife_piggyback() public {
        (Ife memory f,) = _alicePaysBob();
        _startIfe(bob, f);
        vm.prank(bob);
        uint256 g = gasleft();
        ife.piggybackInFlightExitOnOutput{value: PB_BOND}(f.txBytes, 0);
        _report("piggybackInFlightExitOnOutput (first, queues)", g - gasleft(), PIGGYBACK_FIRST_BUDGET);
        vm.prank(alice);
        g = gasleft();
        ife.piggybackInFlightExitOnInput{value: PB_BOND}(f.txBytes, 0);
        _report("piggybackInFlightExitOnInput (same token)", g - gasleft(), PIGGYBACK_INPUT_BUDGET);
    }

    function test_gas_ife_canonicityGame() public {
        (Ife memory f, Input memory a) = _alicePaysBob();
        _startIfe(bob, f);
        (bytes memory c, bytes memory sig) = _competitor(a);
        Included memory incF = _submitOne(f.txBytes);
        _commit(carol, _txCommitment(carol, f.txBytes, c));
        vm.prank(carol);
        uint256 g = gasleft();
        ife.challengeInFlightExitNotCanonical(f.txBytes, 0, c, 0, 0, "", 0, sig);
        _report("challengeInFlightExitNotCanonical", g - gasleft(), CHALLENGE_NOT_CANONICAL_BUDGET);
        uint256 posF = incF.blkNum * 1e9;
        _commit(bob, _responseCommitment(bob, f.txBytes, posF));
        vm.prank(bob);
        g = gasleft();
        ife.respondToNonCanonicalChallenge(f.txBytes, posF, incF.proof, incF.timestamp);
        _report("respondToNonCanonicalChallenge", g - gasleft(), RESPOND_BUDGET);
    }

    function test_gas_ife_inputSpent() public {
        (Ife memory f, Input memory a) = _alicePaysBob();
        _startIfe(bob, f);
        _pbIn(alice, f, 0);
        (bytes memory c, bytes memory sig) = _competitor(a);
        _commit(carol, _txCommitment(carol, f.txBytes, c));
        vm.prank(carol);
        uint256 g = gasleft();
        ife.challengeInFlightExitInputSpent(f.txBytes, 0, c, 0, sig);
        _report("challengeInFlightExitInputSpent", g - gasleft(), INPUT_SPENT_BUDGET);
    }

    function test_gas_ife_outputSpent() public {
        (Ife memory f,) = _alicePaysBob();
        _startIfe(alice, f);
        _pbOut(bob, f, 0);
        Included memory incF = _submitOne(f.txBytes);
        uint256 posF = incF.blkNum * 1e9;
        bytes memory spend = TxEncoder.payment(posF, carol, address(0), 3 ether);
        bytes memory sig = _sign(bobKey, spend);
        _commit(carol, _txCommitment(carol, f.txBytes, spend));
        vm.prank(carol);
        uint256 g = gasleft();
        ife.challengeInFlightExitOutputSpent(f.txBytes, 0, posF, incF.proof, incF.timestamp, spend, 0, sig);
        _report("challengeInFlightExitOutputSpent", g - gasleft(), OUTPUT_SPENT_BUDGET);
    }

    /// @dev Canonical, both outputs piggybacked: two payouts, one input flagged, the IFE bond returned.
    function test_gas_ife_processCanonical() public {
        (Ife memory f,) = _alicePaysBob();
        _startIfe(alice, f);
        _pbOut(bob, f, 0);
        _pbOut(alice, f, 1);
        vm.warp(_exitableAt(f.txBytes));
        vm.prank(processor);
        uint256 g = gasleft();
        fw.processExits(address(0), 1);
        _report("processExits (IFE, 2 outputs)", _net(g - gasleft()), PROCESS_CANONICAL_BUDGET);
        assertEq(fw.exitQueueLength(address(0)), 0, "processed");
    }

    /// @dev Non-canonical, the input piggybacked: one payout, the IFE bond to the challenger.
    function test_gas_ife_processNonCanonical() public {
        (Ife memory f, Input memory a) = _alicePaysBob();
        _startIfe(bob, f);
        _pbIn(alice, f, 0);
        (bytes memory c, bytes memory sig) = _competitor(a);
        _challengeNotIncluded(carol, f, c, sig);
        vm.warp(_exitableAt(f.txBytes));
        vm.prank(processor);
        uint256 g = gasleft();
        fw.processExits(address(0), 1);
        _report("processExits (IFE, 1 input)", _net(g - gasleft()), PROCESS_NON_CANONICAL_BUDGET);
        assertEq(fw.exitQueueLength(address(0)), 0, "processed");
    }

    /// @dev Net of the storage refund the sender gets at the end of the transaction (EIP-3529, ≤ 1/5).
    function _net(uint256 used) internal view returns (uint256) {
        int64 refunded = vm.lastCallGas().gasRefunded;
        uint256 refund = refunded > 0 ? uint256(uint64(refunded)) : 0;
        return used - (refund < used / 5 ? refund : used / 5);
    }

    function _report(string memory what, uint256 used, uint256 budget) internal {
        emit log_named_uint(what, used);
        assertLe(used, budget, what);
    }
}
