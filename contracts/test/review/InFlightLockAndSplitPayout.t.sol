// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {InFlightTestBase} from "../utils/InFlightTestBase.sol";
import {TxEncoder} from "../utils/TxEncoder.sol";
import {InFlightExitGame} from "../../src/games/InFlightExitGame.sol";
import {Position} from "../../src/lib/Position.sol";
import {OneCallHook} from "./PiggybackSettlementReentrancy.t.sol";
import {CallbackToken} from "../utils/OddTokens.sol";

/// @notice Attacks on the in-flight game's settlement lock and the vault's split payout that held
///         (docs/security.md 1, promises 1, 2 and 4): the lock refuses only calls into the in-flight game
///         while it settles, so a watcher acting from inside another exit's payout still challenges; and a
///         forged exit's amount the vault cannot cover takes neither bonds nor depositors' ETH, while its own
///         bond refund is paid from the bonds held.
contract InFlightLockAndSplitPayoutTest is InFlightTestBase {
    event PayoutShort(address indexed owner, address indexed token, uint256 amount);

    address internal mallory;
    uint256 internal malloryKey;
    CallbackToken internal token;

    function setUp() public override {
        super.setUp();
        (mallory, malloryKey) = makeAddrAndKey("mallory");
        vm.deal(mallory, 10 ether);
        token = new CallbackToken();
    }

    /// @dev 1. bob deposits 50 HOOK and starts a standard exit; his receive hook is a watcher contract;
    ///      2. a second later mallory starts an in-flight exit of 200 HOOK (two inputs of 100) and piggybacks
    ///         output 0 and input 1; input 1 is double-spent by a payment she signed; the watcher commits a
    ///         challenge of that piggyback;
    ///      3. one processExits of the HOOK queue: bob's payout hands the watcher control and its challenge of
    ///         mallory's piggyback goes through (the in-flight game is not settling: its lock is free); then
    ///         mallory's exit is settled in the same call, input 1 skipped;
    ///      4. every bond is paid once, to the wei, and the vault ends empty.
    function test_aWatcherInsideAnotherExitsPayoutStillChallenges_eachBondPaidOnce() public {
        Input memory b = _hookDepositOf(bob, bobKey, 50);
        _startExit(bob, b.position, b.txBytes, b.inc);
        OneCallHook watcher = new OneCallHook();
        vm.prank(bob);
        token.setHook(address(watcher));

        vm.warp(block.timestamp + 1);
        Input memory in0 = _hookDepositOf(mallory, malloryKey, 100);
        Input memory in1 = _hookDepositOf(mallory, malloryKey, 100);
        TxEncoder.Out[] memory outs = new TxEncoder.Out[](1);
        outs[0] = TxEncoder.Out(mallory, address(token), 200);
        Ife memory f = _build(_two(in0, in1), outs, bytes32(0));
        _startIfe(mallory, f);
        _pbOut(mallory, f, 0);
        _pbIn(mallory, f, 1);
        bytes memory competitor = TxEncoder.payment(in1.position, mallory, address(token), 100);
        bytes memory sig = _sign(malloryKey, competitor);
        _commit(address(watcher), _txCommitment(address(watcher), f.txBytes, competitor));
        watcher.arm(
            address(ife),
            abi.encodeCall(InFlightExitGame.challengeInFlightExitInputSpent, (f.txBytes, 1, competitor, 0, sig))
        );
        assertEq(fw.bondsHeld(), BOND + IFE_BOND + 2 * PB_BOND, "bob's, the IFE's and two piggyback bonds");

        uint256 bob0 = bob.balance;
        uint256 mallory0 = mallory.balance;
        vm.warp(_exitableAt(f.txBytes));
        vm.prank(processor);
        assertEq(fw.processExits(address(token), 10), 2, "bob's exit, then mallory's, in one call");
        assertEq(watcher.revertData(), bytes(""), "the watcher's challenge went through");
        assertEq(address(watcher).balance, PB_BOND, "input 1's bond to the watcher");
        assertEq(token.balanceOf(bob), 50, "bob paid");
        assertEq(bob.balance - bob0, BOND - BOUNTY, "bob's refund");
        assertEq(token.balanceOf(mallory), 200, "mallory's output paid");
        assertEq(mallory.balance - mallory0, IFE_BOND + PB_REFUND, "the IFE bond and output 0's refund, no input bond");
        assertEq(processor.balance, BOUNTY + PB_BOUNTY, "bob's and output 0's bounties");

        vm.prank(processor);
        assertEq(fw.processExits(address(0), 10), 1, "the IFE's ETH entry");
        assertEq(processor.balance, BOUNTY + PB_BOUNTY, "nothing more earned");
        assertEq(fw.bondsHeld(), 0, "every bond paid once");
        assertEq(address(fw).balance, 0, "no ETH left or missing");
        assertEq(token.balanceOf(address(fw)), 0, "no HOOK left or missing");
    }

    /// @dev The operator forges a 5 ETH output to mallory in a child block; she exits it in flight and
    ///      piggybacks it. Alice's 1 ETH deposit is all the vault holds beside the bonds. The forged amount is
    ///      reported `PayoutShort` whole; mallory gets only her own bonds back (the IFE bond, the piggyback
    ///      refund), nothing of alice's ETH or of anyone's bond; alice then exits in full.
    function test_aForgedExitsAmountTakesNoDepositAndNoBond_onlyItsOwnBondIsRefunded() public {
        (uint256 aPos, bytes memory aTx, Included memory aInc) = _depositEth(alice, 1 ether);
        Input memory forged;
        forged.txBytes = TxEncoder.payment(aPos, mallory, address(0), 5 ether);
        forged.inc = _submitOne(forged.txBytes);
        forged.position = forged.inc.blkNum * Position.BLOCK_OFFSET;
        forged.ownerKey = malloryKey;
        Ife memory f = _build(_one(forged), _outs1(mallory, 5 ether), bytes32(0));
        _startIfe(mallory, f);
        _pbOut(mallory, f, 0);
        assertEq(address(fw).balance, 1 ether + IFE_BOND + PB_BOND, "alice's deposit and mallory's bonds");

        uint256 mallory0 = mallory.balance;
        vm.warp(_exitableAt(f.txBytes));
        vm.expectEmit(true, true, true, true);
        emit PayoutShort(mallory, address(0), 5 ether);
        vm.prank(processor);
        fw.processExits(address(0), 10);
        assertEq(mallory.balance - mallory0, IFE_BOND + PB_REFUND, "mallory's own bonds only");
        assertEq(processor.balance, PB_BOUNTY, "the bounty from her piggyback bond");
        assertEq(fw.bondsHeld(), 0, "no bond left, none short");
        assertEq(address(fw).balance, 1 ether, "alice's deposit untouched");

        _startExit(alice, aPos, aTx, aInc);
        uint256 alice0 = alice.balance;
        vm.warp(block.timestamp + 2 * MEP);
        vm.prank(processor);
        fw.processExits(address(0), 10);
        assertEq(alice.balance - alice0, 1 ether + BOND - BOUNTY, "alice paid in full");
        assertEq(address(fw).balance, 0, "the vault is empty");
    }

    /// @dev The in-flight transaction is included (the operator publishes it) and canonical; it pays 60 and 40
    ///      HOOK to a contract of mallory's, which piggybacks both outputs. When output 0's push hands that
    ///      contract control, it tries the framework's own standard exit, which no in-flight lock covers, of
    ///      output 1, which settlement has not reached yet (held by its piggyback: `OutputReserved`); when output
    ///      1's push does, of output 0, already paid (`OutputAlreadyExited`). Each output is paid once, every bond
    ///      once, and the input the canonical transaction spent stays exited.
    function test_aPayeesHookCannotStandardExitWhatSettlementHolds_eachOutputPaidOnce() public {
        ValueCallsHook hook = new ValueCallsHook();
        vm.deal(address(hook), 2 * BOND + 2 * PB_BOND);
        Input memory in0 = _hookDepositOf(mallory, malloryKey, 100);
        TxEncoder.Out[] memory outs = new TxEncoder.Out[](2);
        outs[0] = TxEncoder.Out(address(hook), address(token), 60);
        outs[1] = TxEncoder.Out(address(hook), address(token), 40);
        Ife memory f = _build(_one(in0), outs, bytes32(0));
        _startIfe(mallory, f);
        _pbOut(address(hook), f, 0);
        _pbOut(address(hook), f, 1);
        Included memory inc = _submitOne(f.txBytes);
        uint256 txPos = inc.blkNum * Position.BLOCK_OFFSET;

        hook.push(
            address(fw), BOND, abi.encodeCall(fw.startStandardExit, (txPos + 1, f.txBytes, inc.proof, inc.timestamp))
        );
        hook.push(address(fw), BOND, abi.encodeCall(fw.startStandardExit, (txPos, f.txBytes, inc.proof, inc.timestamp)));
        vm.prank(address(hook));
        token.setHook(address(hook));

        bytes32 key0 = keccak256(abi.encode(keccak256(f.txBytes), uint256(0)));
        bytes32 key1 = keccak256(abi.encode(keccak256(f.txBytes), uint256(1)));
        (bool reserved, uint8 kind, uint256 id) = fw.outputReservation(key1);
        assertTrue(reserved && kind == 1 && id == _idOf(f.txBytes), "output 1 held by its piggyback");

        uint256 mallory0 = mallory.balance;
        _process(f.txBytes, address(token), 1);
        assertEq(
            hook.results(1), keccak256(abi.encodeWithSignature("OutputAlreadyExited(bytes32)", key0)), "output 0 paid"
        );
        assertEq(
            hook.results(0),
            keccak256(
                abi.encodeWithSignature("OutputReserved(bytes32,uint8,uint256)", key1, uint8(1), _idOf(f.txBytes))
            ),
            "output 1 held"
        );
        assertEq(token.balanceOf(address(hook)), 100, "both outputs paid once");
        assertEq(fw.withdrawable(address(hook), address(token)), 0, "neither push failed");
        assertEq(address(hook).balance, 2 * BOND + 2 * PB_REFUND, "its two refunds, no exit bond taken");
        assertEq(mallory.balance - mallory0, IFE_BOND, "the IFE bond to its initiator");
        assertEq(processor.balance, 2 * PB_BOUNTY, "two bounties");
        assertTrue(fw.isOutputExited(bytes32(in0.position)), "the spent input flagged exited at the freeze");

        vm.prank(processor);
        fw.processExits(address(0), 10);
        assertEq(fw.bondsHeld(), 0, "every bond paid once");
        assertEq(address(fw).balance, 0, "no ETH left or missing");
        assertEq(token.balanceOf(address(fw)), 0, "no HOOK left or missing");
    }

    function _hookDepositOf(address who, uint256 key, uint256 amount) internal returns (Input memory t) {
        token.mint(who, amount);
        t.position = fw.nextDepositBlock() * Position.BLOCK_OFFSET;
        t.txBytes = TxEncoder.deposit(who, address(token), amount);
        bytes[] memory txs = new bytes[](1);
        txs[0] = t.txBytes;
        (, t.inc.proof) = _tree(txs, 0);
        t.inc.timestamp = block.timestamp;
        t.ownerKey = key;
        vm.startPrank(who);
        token.approve(address(fw), amount);
        fw.depositErc20(address(token), amount);
        vm.stopPrank();
    }
}

/// @notice A receive hook that, each time a transfer hands it control, makes the next call it was given (with
///         ETH) and records the hash of each one's revert data.
contract ValueCallsHook {
    struct Call {
        address target;
        uint256 value;
        bytes data;
    }

    Call[] internal calls;
    /// @dev keccak256 of each call's revert data (of "" when it went through): one slot each, so that the
    ///      calls fit the 300,000 gas a token push gets
    bytes32[] public results;

    function push(address target, uint256 value, bytes calldata data) external {
        calls.push(Call(target, value, data));
    }

    function tokensReceived(address, address, uint256) external {
        uint256 i = results.length;
        if (i == calls.length) return;
        (bool ok, bytes memory ret) = calls[i].target.call{value: calls[i].value}(calls[i].data);
        results.push(keccak256(ok ? bytes("") : ret));
    }

    receive() external payable {}
}
