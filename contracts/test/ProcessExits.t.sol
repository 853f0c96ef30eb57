// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {InFlightTestBase} from "./utils/InFlightTestBase.sol";
import {TxEncoder} from "./utils/TxEncoder.sol";
import {PlasmaFramework} from "../src/PlasmaFramework.sol";
import {ExitGameRegistry} from "../src/framework/ExitGameRegistry.sol";
import {MassExitGame} from "../src/games/MassExitGame.sol";
import {CashExitGame} from "../src/games/CashExitGame.sol";
import {IExitGame} from "../src/interfaces/IExitGame.sol";
import {IPlasmaFramework} from "../src/interfaces/IPlasmaFramework.sol";
import {ExitAmount} from "../src/lib/ExitAmount.sol";
import {CompressedProof} from "../src/lib/CompressedProof.sol";
import {Position} from "../src/lib/Position.sol";

/// @notice An ERC20 that turns hostile on demand: its transfers revert, burn all the gas they are given or
///         return junk, or its balanceOf returns the balance followed by a quarter megabyte of junk.
contract HostileToken {
    enum Mode {
        Honest,
        Reverting,
        GasBurning,
        JunkReturning,
        BalanceBombing
    }

    Mode public mode;
    mapping(address => uint256) private _balances;
    mapping(address => mapping(address => uint256)) public allowance;

    function setMode(Mode m) external {
        mode = m;
    }

    function mint(address to, uint256 amount) external {
        _balances[to] += amount;
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        allowance[msg.sender][spender] = amount;
        return true;
    }

    function balanceOf(address who) external view returns (uint256) {
        uint256 held = _balances[who];
        if (mode == Mode.BalanceBombing) {
            assembly ("memory-safe") {
                mstore(0, held)
                return(0, 262144)
            }
        }
        return held;
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        allowance[from][msg.sender] -= amount;
        _move(from, to, amount);
        return true;
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        Mode m = mode;
        if (m == Mode.Reverting) revert("paused");
        if (m == Mode.GasBurning) {
            while (true) {}
        }
        if (m == Mode.JunkReturning) {
            assembly ("memory-safe") {
                mstore(0, 2)
                return(0, 0x40)
            }
        }
        _move(msg.sender, to, amount);
        return true;
    }

    function _move(address from, address to, uint256 amount) private {
        _balances[from] -= amount;
        _balances[to] += amount;
    }
}

/// @notice An exit game whose finalisation does what the test scripts: pay, revert, need lots of gas,
///         return nothing, or return far more than a word.
contract ScriptedExitGame is IExitGame {
    enum Mode {
        Pay,
        Revert,
        NeedsAMillionGas,
        ReturnsNothing,
        ReturnsTooMuch,
        OverdrawsBonds,
        TakesABondItNeverHeld
    }

    error Scripted();

    struct Owed {
        address to;
        uint256 amount;
    }

    uint256 public constant BOUNTY = 1 gwei;

    IPlasmaFramework public immutable framework;
    Mode public mode;
    /// @dev The bond `TakesABondItNeverHeld` asks for along with the exit's amount.
    uint256 public bondAsked;
    mapping(uint256 id => Owed) public owed;

    constructor(IPlasmaFramework framework_) {
        framework = framework_;
    }

    function setMode(Mode m) external {
        mode = m;
    }

    function setBondAsked(uint256 bond) external {
        bondAsked = bond;
    }

    /// @dev Queues an ETH exit that pays `amount` to `to`; what it pays is deposited with it.
    function start(uint256 id, address to, uint256 amount, uint256 exitableAt, uint256 position) external payable {
        owed[id] = Owed(to, amount);
        framework.returnToVault{value: msg.value}();
        framework.enqueueExit(address(0), exitableAt, position, id);
    }

    function finalizeExit(address token, uint256, uint256 id) external returns (uint256) {
        Mode m = mode;
        if (m == Mode.Revert) revert Scripted();
        if (m == Mode.NeedsAMillionGas) {
            assembly ("memory-safe") {
                for { let i := 0 } lt(i, 20000) { i := add(i, 1) } {
                    mstore(0x20, i)
                    mstore(0, keccak256(0, 0x40))
                }
            }
        }
        if (m == Mode.ReturnsNothing) {
            framework.payout(owed[id].to, token, owed[id].amount, 0);
            assembly ("memory-safe") {
                return(0, 0)
            }
        }
        if (m == Mode.ReturnsTooMuch) {
            assembly ("memory-safe") {
                mstore(0, 1)
                return(0, 131072)
            }
        }
        if (m == Mode.OverdrawsBonds) {
            // a game that asks the vault for far more bond than it ever deposited
            framework.payout(owed[id].to, token, owed[id].amount, 1000 ether);
            return 1000 ether;
        }
        if (m == Mode.TakesABondItNeverHeld) {
            // bonds another exit deposited: a hole in the bond books that exit finds at its turn
            framework.payout(owed[id].to, token, owed[id].amount, bondAsked);
            return 0;
        }
        framework.payout(owed[id].to, token, owed[id].amount, 0);
        return BOUNTY;
    }
}

/// @notice processExits is total over any queue entry: amounts no vault could hold never enter a queue, the
///         largest amount that can is harmless at the head, and tokens that revert, burn gas, return junk or
///         bomb return data cost the queue only their own bounded gas.
contract ProcessExitsTest is InFlightTestBase {
    event PayoutShort(address indexed owner, address indexed token, uint256 amount);
    event PayoutFailed(address indexed owner, address indexed token, uint256 amount);

    address internal mallory;
    uint256 internal malloryKey;

    function setUp() public override {
        super.setUp();
        (mallory, malloryKey) = makeAddrAndKey("mallory");
        vm.deal(mallory, 100 ether);
    }

    /// @dev An output of `amount` out of nothing, in a child block the operator submits.
    function _forged(uint256 amount) internal returns (Input memory in_) {
        in_.txBytes = TxEncoder.deposit(mallory, address(0), amount);
        in_.inc = _submitOne(in_.txBytes);
        in_.position = in_.inc.blkNum * Position.BLOCK_OFFSET;
        in_.ownerKey = malloryKey;
    }

    function _massItem(Input memory in_) internal pure returns (MassExitGame.MassExitItem[] memory items) {
        items = new MassExitGame.MassExitItem[](1);
        items[0] = MassExitGame.MassExitItem(
            in_.position, in_.txBytes, CompressedProof.compress(in_.inc.proof), in_.inc.timestamp, 0, 0, ""
        );
    }

    /// @dev An ETH output near 2^256 would overflow its payout (amount + bond refund) and freeze the queue;
    ///      no game lets it in, and none lets in 2^192, which no vault could ever hold.
    function test_everyGameRefusesAnAmountNoVaultCouldHold() public {
        uint256[2] memory amounts = [type(uint256).max, uint256(1) << 192];
        for (uint256 k = 0; k < amounts.length; ++k) {
            Input memory forged = _forged(amounts[k]);
            bytes memory err = abi.encodeWithSelector(ExitAmount.AmountTooLarge.selector, amounts[k]);
            vm.prank(mallory);
            vm.expectRevert(err);
            fw.startStandardExit{value: BOND}(forged.position, forged.txBytes, forged.inc.proof, forged.inc.timestamp);
            vm.prank(mallory);
            vm.expectRevert(err);
            massGame.startMassExit{value: MASS_BOND}(address(0), _massItem(forged), 0, 0);
            Ife memory f = _build(_one(forged), _outs1(mallory, 1), bytes32(0));
            vm.prank(mallory);
            vm.expectRevert(err);
            ife.startInFlightExit{value: IFE_BOND}(f.txBytes, f.inputTxs, f.inputPositions, f.proofs, f.timestamps, f.sigs);
        }
        assertEq(fw.exitQueueLength(address(0)), 0, "nothing queued");
    }

    /// @dev The largest forged ETH exit a game accepts sits at the head of the queue; one processExits call
    ///      pays the standard, in-flight and mass exits behind it in full, to the wei.
    function test_theLargestForgedExitAtTheHeadDoesNotBlockTheExitsBehindIt() public {
        uint256 huge = (uint256(1) << 192) - 1;
        Input memory forged = _forged(huge);
        vm.prank(mallory);
        fw.startStandardExit{value: BOND}(forged.position, forged.txBytes, forged.inc.proof, forged.inc.timestamp);
        vm.warp(block.timestamp + MEP + 1 hours);
        (Ife memory f, uint256 batchId, uint256 carolsDeposit) = _honestExitsOfEveryKind();
        (uint256 head,) = fw.nextExit(address(0));
        assertEq(head, forged.position, "the forged exit is at the head");

        uint256[4] memory before = [alice.balance, bob.balance, carol.balance, mallory.balance];
        vm.expectEmit(true, true, true, true);
        emit PayoutShort(mallory, address(0), huge);
        _process(f.txBytes, address(0), 10);
        assertEq(fw.exitQueueLength(address(0)), 0, "all four processed");
        assertEq(mallory.balance, before[3] + BOND - BOUNTY, "forged exit: its bond back, nothing more");
        assertEq(fw.withdrawable(mallory, address(0)), 0, "nor credited");
        assertEq(alice.balance, before[0] + 5 ether + BOND - BOUNTY, "standard exit paid");
        assertEq(bob.balance, before[1] + IFE_BOND, "in-flight exit bond back");
        uint256 carols = before[2] + 3 ether + PB_REFUND + MASS_BOND - MASS_BOUNTY;
        assertEq(carol.balance, carols, "piggybacked output and mass bond less bounty");

        MassExitGame.MassExitLeaf[] memory leaves = new MassExitGame.MassExitLeaf[](1);
        leaves[0] = MassExitGame.MassExitLeaf(carolsDeposit, bytes32(carolsDeposit), carol, 2 ether);
        massGame.withdrawMassExit(batchId, leaves);
        assertEq(carol.balance, carols + 2 ether, "mass exit paid");
        assertEq(processor.balance, 2 * BOUNTY + PB_BOUNTY + MASS_BOUNTY, "bounties");
        assertEq(fw.bondsHeld(), 0, "every bond paid");
    }

    /// @dev A standard exit of alice's 5 ETH deposit, an in-flight exit of bob's payment of 3 ETH to carol
    ///      (carol's output piggybacked) and a mass exit of carol's 2 ETH deposit.
    function _honestExitsOfEveryKind() internal returns (Ife memory f, uint256 batchId, uint256 carolsDeposit) {
        Input memory a = _depositInput(alice, aliceKey, 5 ether);
        _startExit(alice, a.position, a.txBytes, a.inc);
        Input memory b = _childOutput(bob, bobKey, 3 ether);
        f = _build(_one(b), _outs1(carol, 3 ether), bytes32(0));
        _startIfe(bob, f);
        _pbOut(carol, f, 0);
        Input memory c = _depositInput(carol, 0, 2 ether);
        vm.prank(carol);
        batchId = massGame.startMassExit{value: MASS_BOND}(address(0), _massItem(c), 0, 0);
        carolsDeposit = c.position;
    }

    /// @dev Alice, bob and carol each exit a deposit of a token that then refuses, burns gas, or answers
    ///      with junk: every exit is popped and credited, none blocks the next, and each is pulled later.
    function test_tokensThatRevertBurnGasOrReturnJunkAreCreditedAndTheQueueMovesOn() public {
        HostileToken token = new HostileToken();
        address[3] memory owners = [alice, bob, carol];
        uint256[3] memory positions;
        for (uint256 i = 0; i < 3; ++i) positions[i] = _hostileExit(token, owners[i], 100 + i);
        vm.warp(block.timestamp + MEP);
        HostileToken.Mode[3] memory modes =
            [HostileToken.Mode.Reverting, HostileToken.Mode.GasBurning, HostileToken.Mode.JunkReturning];
        for (uint256 i = 0; i < 3; ++i) {
            token.setMode(modes[i]);
            vm.expectEmit(true, true, true, true);
            emit PayoutFailed(owners[i], address(token), 100 + i);
            vm.prank(processor);
            uint256 g = gasleft();
            fw.processExits(address(token), 1);
            assertLe(g - gasleft(), 500_000, "bounded by the push's gas cap");
            assertEq(fw.withdrawable(owners[i], address(token)), 100 + i, "credited");
            assertTrue(fw.isExited(positions[i]), "popped");
        }
        token.setMode(HostileToken.Mode.Honest);
        for (uint256 i = 0; i < 3; ++i) {
            vm.prank(owners[i]);
            fw.withdraw(address(token));
            assertEq(token.balanceOf(owners[i]), 100 + i, "pulled");
        }
    }

    /// @dev A token whose balanceOf answers with a quarter megabyte: the vault reads one word, so ten exits
    ///      cost ten times one, not a memory that grows with every entry of the call.
    function test_aTokenBombingReturnDataCostsTheQueueOnlyItsOwnGas() public {
        HostileToken token = new HostileToken();
        for (uint256 i = 0; i < 10; ++i) _hostileExit(token, address(uint160(0x2000 + i)), 1000 + i);
        vm.warp(block.timestamp + MEP);
        token.setMode(HostileToken.Mode.BalanceBombing);
        vm.prank(processor);
        uint256 g = gasleft();
        fw.processExits(address(token), 10);
        uint256 used = g - gasleft();
        assertEq(fw.exitQueueLength(address(token)), 0, "all processed");
        for (uint256 i = 0; i < 10; ++i) {
            assertEq(token.balanceOf(address(uint160(0x2000 + i))), 1000 + i, "paid");
        }
        // each bomb costs the token ~160k (a quarter megabyte of its own memory); copying ten of them into
        // one call's memory would cost the framework another ~13M
        assertLe(used, 3_000_000, "ten bombs cost ten times one");
    }

    /// @dev `owner` deposits `amount` of the hostile token (while it is honest) and starts its exit.
    function _hostileExit(HostileToken token, address owner, uint256 amount) internal returns (uint256 position) {
        vm.deal(owner, 1 ether);
        token.mint(owner, amount);
        position = fw.nextDepositBlock() * Position.BLOCK_OFFSET;
        bytes memory txBytes = TxEncoder.deposit(owner, address(token), amount);
        bytes[] memory txs = new bytes[](1);
        txs[0] = txBytes;
        (, bytes memory proof) = _tree(txs, 0);
        uint256 ts = block.timestamp;
        vm.startPrank(owner);
        token.approve(address(fw), amount);
        fw.depositErc20(address(token), amount);
        fw.startStandardExit{value: BOND}(position, txBytes, proof, ts);
        vm.stopPrank();
    }
}

/// @notice A game whose finalisation reverts is deferred, never blocking the entries behind it, and retried
///         later; a game starved of gas by the caller reverts the whole call instead, so no processor can
///         push an entry out of its turn.
contract DeferredExitTest is InFlightTestBase {
    event PayoutShort(address indexed owner, address indexed token, uint256 amount);

    ScriptedExitGame internal game;

    function setUp() public override {
        super.setUp();
        // a framework whose in-flight kind is the scripted game
        fw = new PlasmaFramework(operator, MEP, BOND, BOUNTY);
        game = new ScriptedExitGame(IPlasmaFramework(address(fw)));
        massGame = new MassExitGame(IPlasmaFramework(address(fw)), MASS_BOND, MASS_BOUNTY);
        cash = new CashExitGame(IPlasmaFramework(address(fw)), COIN_EXIT_BOND, COIN_CHALLENGE_BOND, CHECKPOINT_BOND);
        fw.registerExitGames(address(game), address(massGame), address(cash));
        vm.deal(processor, 1 ether);
    }

    /// @dev The scripted game's entry (paying carol 1 ETH, which it deposits) ahead of alice's standard exit
    ///      of 5 ETH.
    function _queue() internal returns (uint256 entry, uint256 alicesPosition) {
        uint256 exitableAt = block.timestamp + MEP;
        game.start{value: 1 ether + game.BOUNTY()}(7, carol, 1 ether, exitableAt, 1);
        entry = (exitableAt << 192) | (uint256(1) << 128) | (uint256(1) << 120) | 7;
        Input memory a = _depositInput(alice, aliceKey, 5 ether);
        vm.warp(block.timestamp + 1);
        _startExit(alice, a.position, a.txBytes, a.inc);
        alicesPosition = a.position;
        vm.warp(block.timestamp + MEP);
    }

    function test_aRevertingGameIsDeferredRetriedAndPaid() public {
        (uint256 entry,) = _queue();
        game.setMode(ScriptedExitGame.Mode.Revert);
        uint256 alice0 = alice.balance;
        uint256 carol0 = carol.balance;
        vm.expectEmit(true, true, true, true);
        emit ExitGameRegistry.ExitDeferred(address(0), entry, ScriptedExitGame.Scripted.selector);
        vm.prank(processor);
        fw.processExits(address(0), 10);
        assertEq(fw.exitQueueLength(address(0)), 0, "both popped");
        assertEq(alice.balance, alice0 + 5 ether + BOND - BOUNTY, "the exit behind it is paid");
        assertTrue(fw.isExitDeferred(address(0), entry), "deferred");
        assertEq(processor.balance, 1 ether + BOUNTY, "no bounty for the deferred entry");

        // while the game still reverts, a retry reverts with its error and changes nothing
        vm.prank(bob);
        vm.expectRevert(ScriptedExitGame.Scripted.selector);
        fw.retryExit(address(0), entry);
        assertTrue(fw.isExitDeferred(address(0), entry), "still deferred");

        game.setMode(ScriptedExitGame.Mode.Pay);
        uint256 bob0 = bob.balance;
        vm.expectEmit(true, true, true, true);
        emit ExitGameRegistry.DeferredExitRetried(address(0), entry, bob);
        vm.prank(bob);
        fw.retryExit(address(0), entry);
        assertEq(carol.balance, carol0 + 1 ether, "paid at the retry");
        assertEq(bob.balance, bob0 + game.BOUNTY(), "the retrier earns the bounty");
        assertTrue(!fw.isExitDeferred(address(0), entry), "settled");
        vm.expectRevert(abi.encodeWithSelector(ExitGameRegistry.ExitNotDeferred.selector, address(0), entry));
        fw.retryExit(address(0), entry);
    }

    /// @dev The bond books never underflow: a game asking for more bond (and bounty) than the vault holds as
    ///      bonds gets the bonds held, its amount (the vault holds it free) and, beyond the bonds, only what the
    ///      vault still holds free after that amount, else `PayoutShort`; the queue is processed, the books stay
    ///      at zero rather than wrapping, and the vault still covers them. (No registered game asks for a bond
    ///      it did not deposit: this one takes alice's deposit, which is why the vault must never be given it.)
    function test_aBondBeyondTheBondsHeldNeverRevertsTheQueue() public {
        _queue();
        game.setMode(ScriptedExitGame.Mode.OverdrawsBonds);
        assertEq(fw.bondsHeld(), BOND, "alice's bond");
        uint256 free = 1 ether + game.BOUNTY() + 5 ether;
        assertEq(address(fw).balance, free + BOND, "carol's and alice's deposits, alice's bond");
        uint256 alice0 = alice.balance;
        uint256 carol0 = carol.balance;
        vm.expectEmit(true, true, true, true);
        emit PayoutShort(carol, address(0), 1000 ether - BOND - (free - 1 ether));
        vm.expectEmit(true, true, true, true);
        emit PayoutShort(alice, address(0), 5 ether + BOND - BOUNTY);
        vm.expectEmit(true, true, true, true);
        emit PayoutShort(processor, address(0), 1000 ether + BOUNTY);
        vm.prank(processor);
        assertEq(fw.processExits(address(0), 10), 2, "both processed");
        assertEq(carol.balance, carol0 + free + BOND, "the bonds held, her amount, then what was free");
        assertEq(alice.balance, alice0, "nothing left for alice");
        assertEq(fw.bondsHeld(), 0, "no wrap");
        assertEq(fw.credited(address(0)), 0, "nothing credited");
        assertEq(processor.balance, 1 ether, "the bounties could not be backed: reported short");
        assertEq(address(fw).balance, 0, "the vault is empty, its books at zero");
    }

    /// @dev A hole in the bond books costs the exit that finds it at most its bond, never its amount: a game
    ///      takes alice's 0.1 ETH bond for carol, so the books hold nothing when alice's 5 ETH exit is paid. Her
    ///      amount is paid whole from free ETH; of her 0.09 ETH refund only the 1 gwei left free after it is
    ///      paid, the rest reported short, and the processor's bounty is reported short.
    function test_aHoleInTheBondBooksCostsTheExitThatFindsItItsBondNotItsAmount() public {
        _queue();
        game.setMode(ScriptedExitGame.Mode.TakesABondItNeverHeld);
        game.setBondAsked(BOND);
        uint256 alice0 = alice.balance;
        uint256 carol0 = carol.balance;
        vm.prank(processor);
        assertEq(fw.processExits(address(0), 1), 1, "the game's entry");
        assertEq(carol.balance, carol0 + 1 ether + BOND, "carol: her amount and alice's bond");
        assertEq(fw.bondsHeld(), 0, "the books hold none of alice's bond");
        assertEq(address(fw).balance, 5 ether + game.BOUNTY(), "alice's deposit and the game's unpaid bounty, free");

        vm.expectEmit(true, true, true, true);
        emit PayoutShort(alice, address(0), BOND - BOUNTY - game.BOUNTY());
        vm.expectEmit(true, true, true, true);
        emit PayoutShort(processor, address(0), BOUNTY);
        vm.prank(processor);
        assertEq(fw.processExits(address(0), 1), 1, "alice's exit");
        assertEq(alice.balance, alice0 + 5 ether + game.BOUNTY(), "alice: her 5 ETH whole, 1 gwei of her refund");
        assertEq(processor.balance, 1 ether, "no bounty could be backed");
        assertEq(fw.bondsHeld(), 0, "no wrap");
        assertEq(fw.credited(address(0)), 0, "nothing credited");
        assertEq(address(fw).balance, 0, "the vault is empty");
    }

    /// @dev The uncovered part of a bond is paid whole when the free ETH left after the exit's amount covers
    ///      it: nothing is short.
    function test_aBondBeyondTheBondsHeldIsPaidFromWhatTheAmountLeavesFree() public {
        _queue();
        game.setMode(ScriptedExitGame.Mode.TakesABondItNeverHeld);
        game.setBondAsked(BOND + 2 ether);
        uint256 carol0 = carol.balance;
        vm.prank(processor);
        fw.processExits(address(0), 1);
        assertEq(carol.balance, carol0 + 1 ether + BOND + 2 ether, "her amount, the bonds held, 2 ETH free");
        assertEq(fw.bondsHeld(), 0, "the books at zero");
        assertEq(address(fw).balance, 3 ether + game.BOUNTY(), "what was free, less what carol took");
    }

    function test_retryExit_revertsForAnEntryThatWasNeverDeferred() public {
        (uint256 entry,) = _queue();
        vm.expectRevert(abi.encodeWithSelector(ExitGameRegistry.ExitNotDeferred.selector, address(0), entry));
        fw.retryExit(address(0), entry);
    }

    /// @dev A processor who sends too little gas for the game cannot make it fail and skip it: the whole
    ///      call reverts and the entry keeps its place; with enough gas it is paid.
    function test_aGameStarvedOfGasRevertsTheWholeCall() public {
        (uint256 entry,) = _queue();
        game.setMode(ScriptedExitGame.Mode.NeedsAMillionGas);
        vm.prank(processor);
        vm.expectRevert(abi.encodeWithSelector(ExitGameRegistry.ExitGasTooLow.selector, entry));
        fw.processExits{gas: 500_000}(address(0), 10);
        assertEq(fw.exitQueueLength(address(0)), 2, "nothing popped");
        assertTrue(!fw.isExitDeferred(address(0), entry), "not deferred");
        uint256 carol0 = carol.balance;
        vm.prank(processor);
        fw.processExits{gas: 5_000_000}(address(0), 10);
        assertEq(fw.exitQueueLength(address(0)), 0, "processed");
        assertEq(carol.balance, carol0 + 1 ether, "paid");
    }

    /// @dev A game that returns no word is finalised with no bounty; one that returns far more than a word
    ///      has only its first word read.
    function test_aGamesReturnDataIsReadOneWordAtMost() public {
        (uint256 entry,) = _queue();
        game.setMode(ScriptedExitGame.Mode.ReturnsNothing);
        uint256 carol0 = carol.balance;
        vm.prank(processor);
        fw.processExits(address(0), 1);
        assertEq(carol.balance, carol0 + 1 ether, "paid");
        assertEq(processor.balance, 1 ether, "no word, no bounty");
        assertTrue(!fw.isExitDeferred(address(0), entry), "not deferred");

        game.start{value: game.BOUNTY()}(8, carol, 1 ether, 1, 2); // at the head, before alice's exit
        game.setMode(ScriptedExitGame.Mode.ReturnsTooMuch);
        vm.prank(processor);
        uint256 g = gasleft();
        fw.processExits(address(0), 1);
        assertLe(g - gasleft(), 400_000, "the 128 KiB are not copied");
        assertEq(fw.exitQueueLength(address(0)), 1, "popped; alice's exit remains");
        assertEq(processor.balance, 1 ether + 1, "the first word is the bounty");
    }
}
