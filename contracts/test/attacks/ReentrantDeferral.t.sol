// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {MassExitTestBase} from "../utils/MassExitTestBase.sol";
import {TxEncoder} from "../utils/TxEncoder.sol";
import {MassExitGame} from "../../src/games/MassExitGame.sol";
import {PlasmaFramework} from "../../src/PlasmaFramework.sol";
import {CompressedProof} from "../../src/lib/CompressedProof.sol";
import {Position} from "../../src/lib/Position.sol";

/// @notice A hostile receiver: refuses the mass-exit game's bounded push (so its payout is credited in the
///         game's `withdrawable`), then pulls it with `withdraw` and, from its receive function, calls
///         `processExits` while the mass-exit game's reentrancy lock is held.
contract LockHoldingProcessor {
    PlasmaFramework internal immutable fw;
    MassExitGame internal immutable game;
    bool internal armed;

    constructor(PlasmaFramework fw_, MassExitGame game_) {
        fw = fw_;
        game = game_;
    }

    function depositAndMassExit(MassExitGame.MassExitItem[] calldata items, uint256 bond) external payable {
        fw.depositEth{value: msg.value - bond}();
        game.startMassExit{value: bond}(address(0), items, 0, 0);
    }

    /// @dev Pulls the credited payout; the game sends it with all the gas while its lock is held.
    function strike() external {
        armed = true;
        game.withdraw(address(0));
    }

    receive() external payable {
        if (armed) {
            armed = false;
            // the head of the ETH queue: someone else's batch; the attacker keeps its pull if this fails
            try fw.processExits(address(0), 1) {} catch {}
        } else if (msg.sender == address(game)) {
            revert("refuse the bounded push");
        }
    }
}

/// @notice Promise: processExits never skips an honest entry; honest exits are paid in full, in priority order
///         ahead of exits from invalid blocks (docs/security.md 1, promises 1 and 3).
contract ReentrantDeferralTest is MassExitTestBase {
    address internal mallory = address(0xBAD);

    function setUp() public override {
        super.setUp();
        vm.deal(mallory, 10 ether);
    }

    /// @dev Sequence:
    ///      1. mallory's contract deposits 0.01 ETH and mass-exits it; when its batch is withdrawn it refuses
    ///         the game's 2,300-gas push, so 0.01 ETH is credited to it in the game's `withdrawable`;
    ///      2. alice mass-exits her 1 ETH deposit (the vault's only real money);
    ///      3. the operator forges 1 ETH for mallory in a child block; her standard exit is due after alice's
    ///         batch (2·MEP rule), so alice should be paid first;
    ///      4. when alice's batch is due, mallory's contract calls `MassExitGame.withdraw(ETH)`: the game pays it
    ///         with all the gas while its `nonReentrant` lock is held, and its receive function calls
    ///         `processExits(ETH, 1)`. The framework calls `finalizeExit` on the locked game, which reverts
    ///         `ReentrancyGuardReentrantCall` with plenty of gas left: alice's batch is deferred out of its turn;
    ///      5. mallory's forged exit is processed and paid from alice's deposit; alice's batch, retried, finds the
    ///         vault short and pays her nothing.
    LockHoldingProcessor internal evil;
    MassExitGame.MassExitLeaf[] internal lm;
    MassExitGame.MassExitLeaf[] internal la;

    function _mallorysBatch() internal returns (uint256 batchM) {
        evil = new LockHoldingProcessor(fw, massGame);
        vm.deal(address(evil), 1 ether);
        uint256 dm = fw.nextDepositBlock() * Position.BLOCK_OFFSET;
        bytes memory tm = TxEncoder.deposit(address(evil), address(0), 0.01 ether);
        bytes[] memory one = new bytes[](1);
        one[0] = tm;
        (, bytes memory pm) = _tree(one, 0);
        MassExitGame.MassExitItem[] memory im = new MassExitGame.MassExitItem[](1);
        im[0] = MassExitGame.MassExitItem(dm, tm, CompressedProof.compress(pm), block.timestamp, 0, 0, "");
        evil.depositAndMassExit{value: 0.01 ether + MASS_BOND}(im, MASS_BOND);
        batchM = 1;
        lm.push(_depositLeaf(dm, address(evil), 0.01 ether));
    }

    function _alicesBatch() internal returns (uint256 batchA, uint256 entryA, uint256 atA) {
        (uint256 d, bytes memory t, Included memory inc) = _depositEth(alice, 1 ether);
        MassExitGame.MassExitItem[] memory items = new MassExitGame.MassExitItem[](1);
        items[0] = _depositItem(d, t, inc);
        batchA = _startMass(alice, address(0), items);
        la.push(_depositLeaf(d, alice, 1 ether));
        (,,,, atA,,) = massGame.massExits(batchA);
        entryA = (atA << 192) | (d << 128) | (uint256(2) << 120) | batchA;
    }

    function _forgedExit() internal {
        bytes memory forged = TxEncoder.payment(999 * Position.BLOCK_OFFSET, mallory, address(0), 1 ether);
        Included memory finc = _submitOne(forged);
        _startExit(mallory, finc.blkNum * Position.BLOCK_OFFSET, forged, finc);
    }

    /// @dev Sequence:
    ///      1. mallory's contract deposits 0.01 ETH and mass-exits it; when its batch is withdrawn it refuses
    ///         the game's 2,300-gas push, so 0.01 ETH is credited to it in the game's `withdrawable`;
    ///      2. alice mass-exits her 1 ETH deposit (the vault's only real money);
    ///      3. the operator forges 1 ETH for mallory in a child block; her standard exit is due after alice's
    ///         batch (2·MEP rule), so alice should be paid first;
    ///      4. when alice's batch is due, mallory's contract calls `MassExitGame.withdraw(ETH)`: the game pays it
    ///         with all the gas while its `nonReentrant` lock is held, and its receive function calls
    ///         `processExits(ETH, 1)`. The framework calls `finalizeExit` on the locked game, which reverts
    ///         `ReentrancyGuardReentrantCall` with plenty of gas left: alice's batch is deferred out of its turn;
    ///      5. mallory's forged exit is processed and paid from alice's deposit; alice's batch, retried, finds the
    ///         vault short and pays her nothing.
    function test_aReentrantProcessExitsFromInsideAGameCannotDeferAnHonestBatch() public {
        uint256 batchM = _mallorysBatch();
        vm.warp(block.timestamp + 100);
        (uint256 batchA, uint256 entryA, uint256 atA) = _alicesBatch();
        _forgedExit();

        // mallory's batch is processed and withdrawn; her contract refuses the push: credited
        vm.warp(atA - 100);
        fw.processExits(address(0), 1);
        massGame.withdrawMassExit(batchM, lm);
        assertEq(massGame.withdrawable(address(evil), address(0)), 0.01 ether, "credited to mallory's contract");

        // alice's batch is due; mallory strikes first
        vm.warp(atA);
        evil.strike();
        bool deferred = fw.isExitDeferred(address(0), entryA);

        // the forged exit's turn, then anyone retries alice's batch
        (, uint256 atF) = fw.nextExit(address(0));
        vm.warp(atF);
        uint256 mallory0 = mallory.balance;
        fw.processExits(address(0), 10);
        if (deferred) fw.retryExit(address(0), entryA);
        uint256 alice0 = alice.balance;
        massGame.withdrawMassExit(batchA, la);

        assertTrue(!deferred, "alice's batch was deferred out of its turn by a reentrant processExits");
        assertEq(alice.balance, alice0 + 1 ether, "alice's honest batch is paid in full");
        assertEq(mallory.balance, mallory0, "the forged output is not paid ahead of alice");
    }
}
