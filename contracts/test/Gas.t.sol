// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Vm} from "./utils/Test.sol";
import {PlasmaTestBase} from "./utils/PlasmaTestBase.sol";
import {TxEncoder} from "./utils/TxEncoder.sol";
import {InFlightTestBase} from "./utils/InFlightTestBase.sol";
import {MassExitTestBase} from "./utils/MassExitTestBase.sol";
import {MassExitGame} from "../src/games/MassExitGame.sol";
import {CashTestBase} from "./utils/CashTestBase.sol";
import {CoinEncoder} from "./utils/CoinEncoder.sol";
import {CashExitGameBase} from "../src/games/CashExitGameBase.sol";
import {Position} from "../src/lib/Position.sol";

Vm constant VM = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

/// @dev The whole-transaction gas of the test's last call, what its receipt reports. foundry.toml sets
///      `isolate = true`, so forge runs every top-level call of a test as a transaction of its own (cold
///      storage, committed original values, the 21,000 base and calldata), and `gasTotalUsed` is that
///      transaction's gasUsed, net of the storage refund (EIP-3529, at most a fifth). A gasleft() window
///      around the call is not: it adds the test contract's own work (value transfer, first touch of the
///      target, ABI-encoding the arguments into its memory) and already has the refund taken off.
///      anvil's receipts for the same calls agree (`./plasma bench --gas`, docs/benchmarks.md).
function receiptGas() view returns (uint256) {
    return VM.lastCallGas().gasTotalUsed;
}

/// @notice Gas budgets (docs/contracts.md), whole transactions as their receipts report them (`receiptGas`).
///         Payees are funded accounts. `forge snapshot --match-contract GasTest --check` guards these tests'
///         totals too.
contract GasTest is PlasmaTestBase {
    event log_named_uint(string key, uint256 val);

    /// @dev Whole-transaction gas. submitBlock's floor is 21,000 base + ~600 calldata + 22,100 (new
    ///      commitment slot) + 5,000 (block counter) + 1,637 (event): ~50.4k, so its budget is 52k;
    ///      its execution gas (without base and calldata) is held to 30k separately.
    uint256 internal constant SUBMIT_BLOCK_BUDGET = 52_000;
    uint256 internal constant SUBMIT_BLOCK_EXECUTION_BUDGET = 30_000;
    uint256 internal constant DEPOSIT_ETH_BUDGET = 85_000;
    uint256 internal constant START_EXIT_BUDGET = 200_000;
    /// @dev A challenge is two transactions, the commitment and the reveal, held to 130k together.
    uint256 internal constant CHALLENGE_BUDGET = 130_000;
    uint256 internal constant PROCESS_PER_EXIT_BUDGET = 50_000;

    function test_gas_submitBlock() public {
        vm.prank(operator);
        fw.submitBlock(keccak256("first"));
        vm.prank(operator);
        fw.submitBlock(keccak256("second"));
        uint256 used = receiptGas();
        emit log_named_uint("submitBlock", used);
        assertLe(used, SUBMIT_BLOCK_BUDGET, "submitBlock");
        // calldata: 4-byte selector and a 32-byte root, all non-zero bytes at 16 gas
        assertLe(used - 21_000 - 36 * 16, SUBMIT_BLOCK_EXECUTION_BUDGET, "submitBlock execution");
    }

    function test_gas_depositEth() public {
        vm.prank(alice);
        fw.depositEth{value: 1 ether}();
        uint256 used = receiptGas();
        emit log_named_uint("depositEth", used);
        assertLe(used, DEPOSIT_ETH_BUDGET, "depositEth");
    }

    /// @dev A 2-in/2-out payment at tx index 3 of a 4-tx block, the first exit in the ETH queue.
    function test_gas_startStandardExit() public {
        (bytes memory spend, Included memory inc) = _block();
        uint256 pos = inc.blkNum * Position.BLOCK_OFFSET + 3 * Position.TX_OFFSET + 1;
        vm.prank(bob);
        fw.startStandardExit{value: BOND}(pos, spend, inc.proof, inc.timestamp);
        uint256 used = receiptGas();
        emit log_named_uint("startStandardExit", used);
        assertLe(used, START_EXIT_BUDGET, "startStandardExit");
    }

    function test_gas_commitAndChallenge() public {
        (bytes memory spend, Included memory inc) = _block();
        uint256 pos = inc.blkNum * Position.BLOCK_OFFSET + 3 * Position.TX_OFFSET + 1;
        vm.prank(bob);
        fw.startStandardExit{value: BOND}(pos, spend, inc.proof, inc.timestamp);
        bytes memory spend2 = TxEncoder.payment(pos, carol, address(0), 1 ether);
        bytes memory sig = _sign(bobKey, spend2);

        vm.prank(carol);
        fw.commitChallenge(_commitment(carol, pos, spend2));
        uint256 commitGas = receiptGas();
        emit log_named_uint("commitChallenge", commitGas);

        vm.roll(block.number + 1);
        uint256 carolBefore = carol.balance;
        vm.prank(carol);
        fw.challengeStandardExit(pos, spend2, 0, sig);
        uint256 revealGas = receiptGas();
        emit log_named_uint("challengeStandardExit", revealGas);
        emit log_named_uint("commitChallenge + challengeStandardExit", commitGas + revealGas);
        assertEq(carol.balance, carolBefore + BOND, "the bond paid to the challenger");
        assertLe(commitGas + revealGas, CHALLENGE_BUDGET, "commitChallenge + challengeStandardExit");
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
        fw.processExits(address(0), 10);
        Vm.Gas memory g = vm.lastCallGas();
        uint256 used = g.gasTotalUsed;
        // the refund clearing the exit records earns is already off gasTotalUsed (as off the receipt)
        emit log_named_uint("processExits(10), spent before the refund", used + uint256(uint64(g.gasRefunded)));
        emit log_named_uint("processExits(10), refund", uint256(uint64(g.gasRefunded)));
        emit log_named_uint("processExits(10)", used);
        emit log_named_uint("processExits per exit", used / 10);
        assertEq(fw.exitQueueLength(address(0)), 0, "all processed");
        for (uint256 i = 0; i < 10; ++i) {
            // 10 ETH less the deposit and the bond, plus the output and the bond less the bounty
            assertEq(address(uint160(0x1000 + i)).balance, 10 ether - BOUNTY, "paid");
        }
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
        txs[0] = TxEncoder.payment(9 * Position.BLOCK_OFFSET, carol, address(0), 1);
        txs[1] = TxEncoder.payment(8 * Position.BLOCK_OFFSET, carol, address(0), 2);
        txs[2] = TxEncoder.payment(7 * Position.BLOCK_OFFSET, carol, address(0), 3);
        txs[3] = spend;
        inc = _submit(txs, 3);
    }
}

/// @notice In-flight exit gas (docs/contracts.md), whole transactions as in GasTest. The in-flight tx pays
///         bob 3 ETH and alice 2 ETH from child-block inputs; payees and the processor are funded.
contract InFlightExitGasTest is InFlightTestBase {
    event log_named_uint(string key, uint256 val);

    /// @dev A start queues the exit's ETH entry (≈46k when it is the queue's first entry); the first ETH
    ///      piggyback no longer does. A piggyback reserves the output it claims: one new 22.1k slot in the
    ///      framework.
    uint256 internal constant START_1_INPUT_BUDGET = 300_000;
    uint256 internal constant START_2_INPUTS_BUDGET = 420_000;
    uint256 internal constant PIGGYBACK_FIRST_BUDGET = 155_000;
    uint256 internal constant PIGGYBACK_INPUT_BUDGET = 90_000;
    uint256 internal constant CHALLENGE_NOT_CANONICAL_BUDGET = 130_000;
    uint256 internal constant RESPOND_BUDGET = 66_000;
    uint256 internal constant INPUT_SPENT_BUDGET = 120_000;
    uint256 internal constant OUTPUT_SPENT_BUDGET = 115_000;
    uint256 internal constant PROCESS_CANONICAL_BUDGET = 160_000;
    uint256 internal constant PROCESS_NON_CANONICAL_BUDGET = 105_000;

    function setUp() public override {
        super.setUp();
        vm.deal(processor, 1 ether);
    }

    function test_gas_ife_start1Input() public {
        (Ife memory f,) = _alicePaysBob();
        vm.prank(bob);
        ife.startInFlightExit{value: IFE_BOND}(f.txBytes, f.inputTxs, f.inputPositions, f.proofs, f.timestamps, f.sigs);
        _report("startInFlightExit (1 input)", receiptGas(), START_1_INPUT_BUDGET);
        assertEq(fw.exitQueueLength(address(0)), 1, "queued at start");
    }

    function test_gas_ife_start2Inputs() public {
        Input memory a = _childOutput(alice, aliceKey, 5 ether);
        Input memory b = _childOutput(bob, bobKey, 1 ether);
        Ife memory f = _build(_two(a, b), _outs2(carol, 4 ether, alice, 2 ether), bytes32(0));
        vm.prank(carol);
        ife.startInFlightExit{value: IFE_BOND}(f.txBytes, f.inputTxs, f.inputPositions, f.proofs, f.timestamps, f.sigs);
        _report("startInFlightExit (2 inputs)", receiptGas(), START_2_INPUTS_BUDGET);
    }

    /// @dev ETH piggybacks find the exit queued by its start; the output is stored, the input was already.
    ///      Each reserves the output it claims: one new 22.1k word in the framework.
    function test_gas_ife_piggyback() public {
        (Ife memory f,) = _alicePaysBob();
        _startIfe(bob, f);
        vm.prank(bob);
        ife.piggybackInFlightExitOnOutput{value: PB_BOND}(f.txBytes, 0);
        _report("piggybackInFlightExitOnOutput (first)", receiptGas(), PIGGYBACK_FIRST_BUDGET);
        vm.prank(alice);
        ife.piggybackInFlightExitOnInput{value: PB_BOND}(f.txBytes, 0);
        _report("piggybackInFlightExitOnInput (same token)", receiptGas(), PIGGYBACK_INPUT_BUDGET);
        assertEq(fw.exitQueueLength(address(0)), 1, "queued once, at start");
    }

    function test_gas_ife_canonicityGame() public {
        (Ife memory f, Input memory a) = _alicePaysBob();
        _startIfe(bob, f);
        (bytes memory c, bytes memory sig) = _competitor(a);
        Included memory incF = _submitOne(f.txBytes);
        _commit(carol, _txCommitment(carol, f.txBytes, c));
        vm.prank(carol);
        ife.challengeInFlightExitNotCanonical(f.txBytes, 0, c, 0, 0, "", 0, sig);
        _report("challengeInFlightExitNotCanonical", receiptGas(), CHALLENGE_NOT_CANONICAL_BUDGET);
        uint256 posF = incF.blkNum * Position.BLOCK_OFFSET;
        _commit(bob, _responseCommitment(bob, f.txBytes, posF));
        vm.prank(bob);
        ife.respondToNonCanonicalChallenge(f.txBytes, posF, incF.proof, incF.timestamp);
        _report("respondToNonCanonicalChallenge", receiptGas(), RESPOND_BUDGET);
    }

    function test_gas_ife_inputSpent() public {
        (Ife memory f, Input memory a) = _alicePaysBob();
        _startIfe(bob, f);
        _pbIn(alice, f, 0);
        (bytes memory c, bytes memory sig) = _competitor(a);
        _commit(carol, _txCommitment(carol, f.txBytes, c));
        vm.prank(carol);
        ife.challengeInFlightExitInputSpent(f.txBytes, 0, c, 0, sig);
        _report("challengeInFlightExitInputSpent", receiptGas(), INPUT_SPENT_BUDGET);
    }

    function test_gas_ife_outputSpent() public {
        (Ife memory f,) = _alicePaysBob();
        _startIfe(alice, f);
        _pbOut(bob, f, 0);
        Included memory incF = _submitOne(f.txBytes);
        uint256 posF = incF.blkNum * Position.BLOCK_OFFSET;
        bytes memory spend = TxEncoder.payment(posF, carol, address(0), 3 ether);
        bytes memory sig = _sign(bobKey, spend);
        _commit(carol, _txCommitment(carol, f.txBytes, spend));
        vm.prank(carol);
        ife.challengeInFlightExitOutputSpent(f.txBytes, 0, posF, incF.proof, incF.timestamp, spend, 0, sig);
        _report("challengeInFlightExitOutputSpent", receiptGas(), OUTPUT_SPENT_BUDGET);
    }

    /// @dev Canonical, both outputs piggybacked: two payouts, one input flagged, the IFE bond returned.
    function test_gas_ife_processCanonical() public {
        (Ife memory f,) = _alicePaysBob();
        _startIfe(alice, f);
        _pbOut(bob, f, 0);
        _pbOut(alice, f, 1);
        vm.warp(_exitableAt(f.txBytes));
        vm.prank(processor);
        fw.processExits(address(0), 1);
        _report("processExits (IFE, 2 outputs)", receiptGas(), PROCESS_CANONICAL_BUDGET);
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
        fw.processExits(address(0), 1);
        _report("processExits (IFE, 1 input)", receiptGas(), PROCESS_NON_CANONICAL_BUDGET);
        assertEq(fw.exitQueueLength(address(0)), 0, "processed");
    }

    function _report(string memory what, uint256 used, uint256 budget) internal {
        emit log_named_uint(what, used);
        assertLe(used, budget, what);
    }
}

/// @notice Mass exit gas (docs/benchmarks.md): per output at batch sizes 1, 10 and 100, for outputs of
///         realistic child blocks (16 one-input two-output payments each, compressed proofs of 4 siblings)
///         and for deposit outputs, and how an output at 100 compares with a standard exit.
contract MassExitGasTest is MassExitTestBase {
    event log_named_uint(string key, uint256 val);

    /// @dev Whole-transaction gas per output of a 100-output batch of one owner's outputs (≈35.9k, proofs
    ///      chained within each block; ≈40k for deposit outputs, each of its own block). Each output is
    ///      reserved at start, in the framework's reserveOutputs (≈22.3k per output: a new 22.1k word per
    ///      output key), the largest part; the output-key write that withdrawMassExit used to pay (22.1k) is
    ///      now an update (≈5k, ≈6.2k with its call).
    uint256 internal constant MASS_PER_OUTPUT_BUDGET = 41_000;
    uint256 internal constant WITHDRAW_PER_OUTPUT_BUDGET = 25_000;
    /// @dev An output of a 100-output batch costs at most a fifth of a standard exit of the same kind of
    ///      output (measured ≈0.199): a fifth of a standard exit (≈180k) is ≈36k, of which the reservation
    ///      takes ≈22.3k and the output's base share and calldata ≈4k; its one-pass RLP validation (≈2.4k),
    ///      hashing, chained proof and share of the record and event fit in the remaining ≈9.7k.
    uint256 internal constant MASS_VS_STANDARD_FIFTHS = 1;

    function setUp() public override {
        super.setUp();
        _fundVault(100 ether);
    }

    /// @dev `n` outputs of alice at output 0 of consecutive transactions of 16-transaction child blocks.
    function _childItems(uint256 n, address[] memory owners)
        internal
        returns (MassExitGame.MassExitItem[] memory items, MassExitGame.MassExitLeaf[] memory leaves)
    {
        items = new MassExitGame.MassExitItem[](n);
        leaves = new MassExitGame.MassExitLeaf[](n);
        for (uint256 k = 0; k * 16 < n; ++k) {
            address[] memory blockOwners = new address[](16);
            for (uint256 i = 0; i < 16; ++i) blockOwners[i] = owners[(k * 16 + i) % owners.length];
            Block memory b = _paymentBlock(blockOwners, (k + 50) * Position.BLOCK_OFFSET);
            for (uint256 i = 0; i < 16 && k * 16 + i < n; ++i) {
                items[k * 16 + i] = _item(b, i);
                leaves[k * 16 + i] = _leafOf(b, i, blockOwners[i]);
            }
        }
        _chainProofs(items);
    }

    function _depositItems(uint256 n) internal returns (MassExitGame.MassExitItem[] memory items) {
        items = new MassExitGame.MassExitItem[](n);
        for (uint256 i = 0; i < n; ++i) {
            (uint256 pos, bytes memory txBytes, Included memory inc) = _depositEth(alice, 0.1 ether + i);
            items[i] = _depositItem(pos, txBytes, inc);
        }
    }

    /// @dev Whole-transaction gas of startMassExit, by receipt; every output is then the batch's.
    function _measureStart(address who, MassExitGame.MassExitItem[] memory items) internal returns (uint256 used) {
        (bytes32 root, uint256 ts) = _nextHeader(items);
        vm.prank(who);
        uint256 batchId = massGame.startMassExit{value: items.length * MASS_BOND}(address(0), items, root, ts);
        used = receiptGas();
        (,,, uint256 remaining,,, MassExitGame.State state) = massGame.massExits(batchId);
        assertTrue(state == MassExitGame.State.Pending, "batch pending");
        assertTrue(remaining > 0, "batch amount");
    }

    /// @dev Measures a batch of `n` outputs, logs the gas per output and holds 100-output batches to budget.
    function _run(uint256 n, bool deposits) internal {
        MassExitGame.MassExitItem[] memory items;
        if (deposits) items = _depositItems(n);
        else (items,) = _childItems(n, _same(alice, 1));
        uint256 perOutput = _measureStart(alice, items) / n;
        string memory label = string.concat(
            "startMassExit per output, ", deposits ? "deposit" : "child-block", " outputs x", vm.toString(n)
        );
        emit log_named_uint(label, perOutput);
        if (n == 100) assertLe(perOutput, MASS_PER_OUTPUT_BUDGET, label);
    }

    function test_gas_startMassExit_childOutputs_1() public { _run(1, false); }
    function test_gas_startMassExit_childOutputs_10() public { _run(10, false); }
    function test_gas_startMassExit_childOutputs_100() public { _run(100, false); }
    function test_gas_startMassExit_depositOutputs_1() public { _run(1, true); }
    function test_gas_startMassExit_depositOutputs_10() public { _run(10, true); }
    function test_gas_startMassExit_depositOutputs_100() public { _run(100, true); }

    /// @dev 100 owners, each with a consent signature, exited by carol; then the batch is processed and
    ///      withdrawn (every owner a distinct, funded account).
    function test_gas_massExit_100Owners_consentAndWithdraw() public {
        address[] memory owners = new address[](100);
        uint256[] memory keys = new uint256[](100);
        for (uint256 i = 0; i < 100; ++i) {
            keys[i] = 0xC0FFEE00 + i;
            owners[i] = vm.addr(keys[i]);
            vm.deal(owners[i], 1 ether);
        }
        (MassExitGame.MassExitItem[] memory items, MassExitGame.MassExitLeaf[] memory leaves) =
            _childItems(100, owners);
        for (uint256 i = 0; i < 100; ++i) _consentTo(items[i], keys[i], carol);
        uint256 perOutput = _measureStart(carol, items) / 100;
        emit log_named_uint("startMassExit child x100, 100 owners with consent, per output", perOutput);

        (, uint256 at) = fw.nextExit(address(0));
        vm.warp(at);
        vm.prank(bob);
        fw.processExits(address(0), 1);
        uint256 processed = receiptGas();
        emit log_named_uint("processExits(batch of 100)", processed);

        vm.prank(bob);
        massGame.withdrawMassExit(1, leaves);
        uint256 withdrawPerOutput = receiptGas() / 100;
        emit log_named_uint("withdrawMassExit x100 per output", withdrawPerOutput);
        // an output's whole life in a batch of 100: its share of the start, of processing and of paying out
        emit log_named_uint("lifecycle per output (start + processExits share + withdraw)", perOutput + processed / 100 + withdrawPerOutput);
        assertLe(withdrawPerOutput, WITHDRAW_PER_OUTPUT_BUDGET, "withdrawMassExit per output");
        for (uint256 i = 0; i < 100; ++i) assertEq(owners[i].balance, 1 ether + leaves[i].amount, "owner paid");
    }

    /// @dev At a batch of 100, an output costs at most a fifth of a standard exit of the same kind of
    ///      output (a payment in a 16-transaction block), measured in this same run (see
    ///      MASS_VS_STANDARD_FIFTHS).
    function test_gas_massExitPerOutputVersusAStandardExit() public {
        Block memory b = _paymentBlock(_same(bob, 16), 40 * Position.BLOCK_OFFSET);
        uint256 pos = b.blkNum * Position.BLOCK_OFFSET + 5 * Position.TX_OFFSET;
        vm.prank(bob);
        fw.startStandardExit{value: BOND}(pos, b.txs[5], b.proofs[5], b.timestamp);
        uint256 standard = receiptGas();

        (MassExitGame.MassExitItem[] memory items,) = _childItems(100, _same(alice, 1));
        uint256 perOutput = _measureStart(alice, items) / 100;
        emit log_named_uint("startStandardExit (16-tx block)", standard);
        emit log_named_uint("startMassExit x100 per output", perOutput);
        emit log_named_uint("ratio x1000", perOutput * 1000 / standard);
        assertLe(
            perOutput * 5, standard * MASS_VS_STANDARD_FIFTHS, "mass exit per output vs a standard exit: over 0.2"
        );
    }
}

/// @notice Plasma Cash gas (docs/benchmarks.md "Plasma Cash gas"): whole transactions, with the coin moving in
///         blocks of 100 coin transfers (slots 0..99), so each coin proof carries 7 non-empty siblings.
contract CashExitGasTest is CashTestBase {
    event log_named_uint(string key, uint256 val);

    uint256 internal constant BUSY_BLOCK = 100;
    uint256 internal constant SUBMIT_WITH_COINS_BUDGET = 80_000;
    uint256 internal constant DEPOSIT_BUDGET = 110_000;
    uint256 internal constant START_EXIT_BUDGET = 160_000;
    uint256 internal constant CHALLENGE_AFTER_BUDGET = 100_000;
    uint256 internal constant CHALLENGE_BEFORE_BUDGET = 125_000;
    uint256 internal constant RESPOND_BUDGET = 110_000;
    uint256 internal constant FINALIZE_BUDGET = 82_000;
    uint256 internal constant WITHDRAW_BUDGET = 50_000;
    uint256 internal constant CHECKPOINT_START_BUDGET = 160_000;
    uint256 internal constant CHECKPOINT_FINALIZE_BUDGET = 65_000;

    /// @dev A block of `BUSY_BLOCK` transfers: `txBytes` at its slot and fillers at every other slot < 100.
    function _busyBlock(bytes memory txBytes) internal returns (uint64) {
        uint64 slot = CoinEncoder.slotOf(txBytes);
        bytes[] memory txs = new bytes[](BUSY_BLOCK);
        for (uint256 i = 0; i < BUSY_BLOCK; ++i) {
            txs[i] = i == slot ? txBytes : CoinEncoder.transfer(uint64(i), 999, address(uint160(0x5000 + i)));
        }
        return _submitCoins(txs);
    }

    /// @dev alice's coin (slot 0) moves to bob, then to carol, each time in a busy block.
    function _busyHistory() internal returns (History memory h) {
        h.slot = _depositCoin(alice, 1 ether);
        h.origin = uint64(fw.nextChildBlock() - 1);
        h.tx1 = CoinEncoder.transfer(h.slot, h.origin, bob);
        h.sig1 = _signCoin(aliceKey, h.tx1);
        h.b1 = _busyBlock(h.tx1);
        h.tx2 = CoinEncoder.transfer(h.slot, h.b1, carol);
        h.sig2 = _signCoin(bobKey, h.tx2);
        h.b2 = _busyBlock(h.tx2);
    }

    function _report(string memory what, uint256 used, uint256 budget) internal {
        emit log_named_uint(what, used);
        assertLe(used, budget, what);
    }

    function test_gas_cash_submitBlockWithCoins() public {
        vm.prank(operator);
        fw.submitBlock(keccak256("first"));
        vm.prank(operator);
        fw.submitBlockWithCoins(keccak256("second"), keccak256("coins"));
        _report("submitBlockWithCoins", receiptGas(), SUBMIT_WITH_COINS_BUDGET);
    }

    /// @dev A deposit after an earlier one (the slot counter is already non-zero).
    function test_gas_cash_depositEth() public {
        _depositCoin(bob, 1 ether);
        vm.prank(alice);
        cash.depositEth{value: 1 ether}();
        _report("cash depositEth", receiptGas(), DEPOSIT_BUDGET);
    }

    function test_gas_cash_startExitGeneralClaim() public {
        History memory h = _busyHistory();
        CashExitGameBase.CoinClaim memory c = _carolClaim(h);
        vm.prank(carol);
        cash.startExit{value: COIN_EXIT_BOND}(h.slot, c);
        _report("cash startExit (general claim)", receiptGas(), START_EXIT_BUDGET);
    }

    /// @dev Claims side by side: bob's exit of the coin he has since spent is pending when carol starts hers;
    ///      carol's is finalized first and wins, and bob's then closes superseded, his bond credited back.
    function test_gas_cash_startExitBesideAnotherClaim() public {
        History memory h = _busyHistory();
        CashExitGameBase.CoinClaim memory stale = _firstSpendClaim(h.tx1, h.sig1, h.b1);
        vm.prank(bob);
        cash.startExit{value: COIN_EXIT_BOND}(h.slot, stale);
        CashExitGameBase.CoinClaim memory c = _carolClaim(h);
        vm.prank(carol);
        cash.startExit{value: COIN_EXIT_BOND}(h.slot, c);
        _report("cash startExit beside another owner's pending exit", receiptGas(), START_EXIT_BUDGET);
        (uint32 exits,) = cash.pendingClaims(h.slot);
        assertEq(exits, 2, "two exits side by side");
        vm.warp(block.timestamp + MEP);
        cash.finalizeExit(h.slot, carol);
        cash.finalizeExit(h.slot, bob);
        _report("cash finalizeExit (superseded)", receiptGas(), FINALIZE_BUDGET);
        assertEq(cash.bonds(bob), COIN_EXIT_BOND, "the superseded exit's bond credited back");
        assertEq(cash.bonds(carol), COIN_EXIT_BOND, "the winning exit's bond");
    }

    function test_gas_cash_challengeAfter() public {
        History memory h = _busyHistory();
        CashExitGameBase.CoinClaim memory c = _firstSpendClaim(h.tx1, h.sig1, h.b1);
        vm.prank(bob);
        cash.startExit{value: COIN_EXIT_BOND}(h.slot, c);
        _commitCoin(carol, h.slot, keccak256(h.tx2));
        bytes memory proof = _coinProof(h.b2, h.slot);
        vm.prank(carol);
        cash.challengeAfter(h.slot, bob, h.tx2, h.sig2, proof, h.b2);
        _report("cash challengeAfter", receiptGas(), CHALLENGE_AFTER_BUDGET);
    }

    function test_gas_cash_challengeBeforeAndRespond() public {
        History memory h = _busyHistory();
        _startCarolExit(h);
        _commitCoin(dave, h.slot, bytes32(0));
        vm.prank(dave);
        cash.challengeBeforeFromOrigin{value: COIN_CHALLENGE_BOND}(h.slot, carol, false);
        _report("cash challengeBeforeFromOrigin", receiptGas(), CHALLENGE_BEFORE_BUDGET);
        _commitCoin(carol, h.slot, keccak256(h.tx1));
        bytes memory proof = _coinProof(h.b1, h.slot);
        vm.prank(carol);
        cash.respondChallengeBefore(h.slot, carol, false, h.tx1, h.sig1, proof, h.b1);
        _report("cash respondChallengeBefore", receiptGas(), RESPOND_BUDGET);
    }

    function test_gas_cash_finalizeAndWithdraw() public {
        History memory h = _busyHistory();
        _startCarolExit(h);
        vm.warp(block.timestamp + MEP);
        cash.finalizeExit(h.slot, carol);
        _report("cash finalizeExit", receiptGas(), FINALIZE_BUDGET);
        vm.prank(carol);
        cash.withdraw(h.slot, carol);
        _report("cash withdraw (ETH)", receiptGas(), WITHDRAW_BUDGET);
        vm.prank(carol);
        cash.withdrawBonds();
        _report("cash withdrawBonds", receiptGas(), WITHDRAW_BUDGET);
    }

    function test_gas_cash_checkpoint() public {
        History memory h = _busyHistory();
        CashExitGameBase.CoinClaim memory c = _carolClaim(h);
        vm.prank(carol);
        cash.startCheckpoint{value: CHECKPOINT_BOND}(h.slot, c);
        _report("cash startCheckpoint", receiptGas(), CHECKPOINT_START_BUDGET);
        vm.warp(block.timestamp + MEP);
        cash.finalizeCheckpoint(h.slot, carol);
        _report("cash finalizeCheckpoint", receiptGas(), CHECKPOINT_FINALIZE_BUDGET);
    }
}
