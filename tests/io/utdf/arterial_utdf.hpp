#pragma once
// A hand-written UTDF combined file: two signals 1000 ft apart on an east-west arterial, each with four
// external nodes. Node 1 runs an eight-phase dual-ring plan (lead-lag lefts: phase 1 longer than 5, so
// phase 6 turns green before phase 2), its offset referenced to the begin of green of phases 2+6, and
// NBR also runs with the complementary left, phase 1 (a Phase2 row); node 2 a four-phase dual-ring
// plan with permitted lefts, its offset referenced to the begin of yellow.

namespace itsc::test {

inline constexpr const char* kArterialUtdf = R"([Network]
Network Settings
RECORDNAME,DATA
Metric,0

[Nodes]
Node Data
INTID,TYPE,X,Y,Z,DESCRIPTION
1,0,0,0,0,Main & First
2,0,1000,0,0,Main & Second
101,1,-800,0,0,
102,1,0,800,0,
103,1,0,-800,0,
104,1,1800,0,0,
105,1,1000,800,0,
106,1,1000,-800,0,

[Links]
Link Data
RECORDNAME,INTID,NB,NE,EB,SE,SB,SW,WB,NW
Up ID,1,103,,101,,102,,2,
Lanes,1,1,,2,,1,,2,
Distance,1,800,,800,,800,,1000,
Speed,1,30,,35,,30,,35,
Up ID,2,106,,1,,105,,104,
Lanes,2,1,,2,,1,,2,
Distance,2,800,,1000,,800,,800,
Speed,2,30,,35,,30,,35,
Up ID,101,,,,,,,1,
Distance,101,,,,,,,800,
Speed,101,,,,,,,35,
Up ID,102,1,,,,,,,
Distance,102,800,,,,,,,
Speed,102,30,,,,,,,
Up ID,103,,,,,1,,,
Distance,103,,,,,800,,,
Speed,103,,,,,30,,,
Up ID,104,,,2,,,,,
Distance,104,,,800,,,,,
Speed,104,,,35,,,,,
Up ID,105,2,,,,,,,
Distance,105,800,,,,,,,
Speed,105,30,,,,,,,
Up ID,106,,,,,2,,,
Distance,106,,,,,800,,,
Speed,106,,,,,30,,,

[Lanes]
Lane Group Data
RECORDNAME,INTID,NBL,NBT,NBR,SBL,SBT,SBR,EBL,EBT,EBR,WBL,WBT,WBR
Up Node,1,103,103,103,102,102,102,101,101,101,2,2,2
Dest Node,1,101,102,2,2,103,101,102,2,103,103,101,102
Lanes,1,1,1,0,1,1,0,1,2,1,1,2,1
Shared,1,0,2,0,0,2,0,0,0,0,0,0,0
Storage,1,150,,,150,,,150,,100,150,,100
Phase1,1,3,8,8,7,4,4,5,2,2,1,6,6
Phase2,1,,,1,,,,,,,,,
PermPhase1,1,,,,,,,2,,,6,,
Allow RTOR,1,0,0,1,0,0,1,0,0,1,0,0,1
Volume,1,50,200,40,60,220,30,80,600,70,90,550,60
HeavyVehicles,1,2,2,2,2,2,2,4,4,4,4,4,4
Up Node,2,106,106,106,105,105,105,1,1,1,104,104,104
Dest Node,2,1,105,104,104,106,1,105,104,106,106,1,105
Lanes,2,0,1,0,0,1,0,0,2,0,0,2,0
Shared,2,0,3,0,0,3,0,0,3,0,0,3,0
Phase1,2,,8,8,,4,4,,2,2,,6,6
PermPhase1,2,8,,,4,,,2,,,6,,
Volume,2,20,150,30,25,140,35,30,650,40,40,600,50

[Timeplans]
Timing Plan Settings
RECORDNAME,INTID,DATA
Control Type,1,3
Cycle Length,1,100
Referenced To,1,0
Reference Phase,1,206
Offset,1,30
Control Type,2,3
Cycle Length,2,100
Referenced To,2,1
Reference Phase,2,206
Offset,2,70

[Phases]
Phase Data
RECORDNAME,INTID,D1,D2,D3,D4,D5,D6,D7,D8
BRP,1,111,112,211,212,121,122,221,222
MinGreen,1,4,10,4,6,4,10,4,6
MaxGreen,1,15,30,10,25,10,35,10,25
VehExt,1,2.5,3,2.5,3,2.5,3,2.5,3
Yellow,1,3.5,4,3.5,4,3.5,4,3.5,4
AllRed,1,1.5,1,1.5,1,1.5,1,1.5,1
Recall,1,0,3,0,1,0,3,0,1
DualEntry,1,0,1,0,1,0,1,0,1
Walk,1,,7,,7,,7,,7
DontWalk,1,,11,,11,,11,,11
BRP,2,,111,,211,,121,,221
MinGreen,2,,15,,7,,15,,7
MaxGreen,2,,55,,35,,55,,35
VehExt,2,,3,,3,,3,,3
Yellow,2,,4,,4,,4,,4
AllRed,2,,1,,1,,1,,1
Recall,2,,4,,0,,4,,0
)";

}  // namespace itsc::test
