// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "./utils/Test.sol";
import {TxEncoder} from "./utils/TxEncoder.sol";
import {PlasmaFramework} from "../src/PlasmaFramework.sol";
import {Position} from "../src/lib/Position.sol";

/// @notice Random deposits, exits, time jumps, processing and re-exit attempts against one framework.
contract ExitHandler is Test {
    PlasmaFramework public immutable fw;
    uint256 public immutable bond;

    struct Dep {
        address owner;
        uint256 position;
        uint256 amount;
        uint256 timestamp;
        bool exiting;
        bool paid;
    }

    Dep[] internal deps;
    uint256 public ghostIn; // deposits + bonds received
    uint256 public ghostOut; // amounts + bonds paid by processing
    uint256 public ghostExiting; // exits started and not yet processed
    bool public reexitSucceeded;
    address[3] internal actors = [address(0xA11CE), address(0xB0B), address(0xCA401)];

    constructor(PlasmaFramework fw_) {
        fw = fw_;
        bond = fw_.exitBond();
    }

    function deposit(uint256 actorSeed, uint256 amount) external {
        if (fw.nextDepositBlock() % 1000 == 999) return; // keep clear of the interval limit
        address owner = actors[actorSeed % actors.length];
        amount = bound(amount, 1, 100 ether);
        vm.deal(owner, owner.balance + amount);
        uint256 blkNum = fw.nextDepositBlock();
        vm.prank(owner);
        fw.depositEth{value: amount}();
        deps.push(Dep(owner, blkNum * Position.BLOCK_OFFSET, amount, block.timestamp, false, false));
        ghostIn += amount;
    }

    function startExit(uint256 index) external {
        if (deps.length == 0) return;
        Dep storage d = deps[index % deps.length];
        if (d.exiting) return;
        bytes memory txBytes = TxEncoder.deposit(d.owner, address(0), d.amount);
        bytes memory proof = _zeroProof();
        vm.deal(d.owner, d.owner.balance + bond);
        vm.prank(d.owner);
        fw.startStandardExit{value: bond}(d.position, txBytes, proof, d.timestamp);
        d.exiting = true;
        ghostIn += bond;
        ++ghostExiting;
    }

    /// @dev A processed output must never be exitable again.
    function reexit(uint256 index) external {
        if (deps.length == 0) return;
        Dep storage d = deps[index % deps.length];
        if (!d.paid) return;
        vm.deal(d.owner, d.owner.balance + bond);
        vm.prank(d.owner);
        try fw.startStandardExit{value: bond}(
            d.position, TxEncoder.deposit(d.owner, address(0), d.amount), _zeroProof(), d.timestamp
        ) {
            reexitSucceeded = true;
        } catch {}
    }

    function advance(uint256 secs) external {
        vm.warp(block.timestamp + bound(secs, 0, 2 days));
        vm.roll(block.number + 1);
    }

    function submit(bytes32 root) external {
        vm.prank(fw.operator());
        fw.submitBlock(root);
    }

    function process(uint256 maxExits) external {
        fw.processExits(address(0), bound(maxExits, 0, 12));
        for (uint256 i = 0; i < deps.length; ++i) {
            Dep storage d = deps[i];
            if (d.exiting && !d.paid && fw.isExited(d.position)) {
                d.paid = true;
                ghostOut += d.amount + bond;
                --ghostExiting;
            }
        }
    }

    /// @dev Receives the processing bounties.
    receive() external payable {}

    function _zeroProof() internal pure returns (bytes memory proof) {
        bytes32 z = keccak256(abi.encodePacked(bytes1(0x00)));
        for (uint256 i = 0; i < 16; ++i) {
            proof = abi.encodePacked(proof, z);
            z = keccak256(abi.encodePacked(bytes1(0x01), z, z));
        }
    }
}

contract InvariantTest is Test {
    PlasmaFramework internal fw;
    ExitHandler internal handler;

    function setUp() public {
        vm.warp(1_700_000_000);
        fw = new PlasmaFramework(address(0x0908), 1 days, 0.1 ether, 0.01 ether);
        handler = new ExitHandler(fw);
    }

    /// @dev Read by forge: fuzz only the handler.
    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    /// @notice The vault holds exactly what came in minus what processing paid out.
    function invariant_vaultBalanceMatchesLedger() public view {
        assertEq(address(fw).balance, handler.ghostIn() - handler.ghostOut(), "vault balance");
    }

    /// @notice Every exit not yet processed is in the queue, and nothing else is.
    function invariant_queueHoldsExactlyTheOpenExits() public view {
        assertEq(fw.exitQueueLength(address(0)), handler.ghostExiting(), "queue length");
    }

    /// @notice A processed output never exits again.
    function invariant_noDoubleExit() public view {
        assertTrue(!handler.reexitSucceeded(), "re-exit succeeded");
    }

    /// @notice The queue head is never exitable before its time once processing caught up.
    function invariant_headIsOrdered() public view {
        (uint256 position, uint256 exitableAt) = fw.nextExit(address(0));
        assertTrue(position == 0 || exitableAt != 0, "head");
    }
}
